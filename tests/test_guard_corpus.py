"""Fast tier: the agent guard in the template tree passes the suite it ships to every project.

``template/tests/guard`` decides every red-team attack and everyday command of its corpus with
the guard's own code; running it here catches a guard change before any project is rendered.
"""

from __future__ import annotations

import os
import sys

from .conftest import REPO_ROOT, run


def test_the_guard_passes_its_own_corpus() -> None:
    result = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-c",
            os.devnull,
            "--rootdir",
            "template",
            "template/tests/guard",
        ],
        REPO_ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stopped by hook" in result.stdout
    assert "everyday allowed" in result.stdout
