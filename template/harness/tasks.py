"""What each CI job runs. Every step is an argv list run from the project root.

The tools come from the locked dev dependencies (``uv run`` puts them on ``PATH``), so the
versions on a laptop and on GitHub are the same.
"""

from __future__ import annotations

import sys

Step = tuple[str, ...]

STEPS: dict[str, tuple[Step, ...]] = {
    "lint": (
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
    ),
    "typecheck": (("mypy",),),
    "architecture": (("lint-imports",),),
    "tests": ((sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),),
}
