# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Meta-gates: CI jobs that keep the project's guardrails in agreement with each other.

Each gate is a module run as ``python -m harness.gates.<name>`` from the project root (or with
``--root``). It prints what disagrees and how to fix it, and exits 1; or one ``OK`` line and 0.
The closing line is always ``<gate>: FAILED: ...`` or ``<gate>: OK: ...``, printed by ``failed``
and ``passed`` below, so the local runner's output and the CI logs read the same for every gate.

* ``protection_sync``: the branch-protection files require exactly the checks the pull-request
  workflows produce, and keep the protection settings (no force pushes, code-owner review...).
* ``commit_types``: the PR-title check allows exactly the commit types ``cz check`` accepts.
* ``audit_exceptions``: every pip-audit exception is well formed and has not reached its sunset.
* ``parity``: every workflow job has a local twin in ``harness/jobs.py`` and runs it, and every
  local job has a workflow job.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

# The exit code for "this could not run here" (no browser, no database, no commit yet): the
# code automake and the local runner (harness/runner.py) read as skipped, never as passed.
# Every job that can skip returns this one constant.
SKIP_EXIT_CODE = 77


def parser(prog: str, description: str) -> argparse.ArgumentParser:
    """An argument parser with the ``--root`` option every gate takes."""
    result = argparse.ArgumentParser(prog=f"python -m {prog}", description=description)
    result.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the project's root directory (default: the current directory)",
    )
    return result


def failed(gate: str, detail: str, *, stream: TextIO | None = None) -> int:
    """Print a gate's closing ``<gate>: FAILED: <detail>`` line; return its exit code, 1."""
    print(f"{gate}: FAILED: {detail}", file=stream or sys.stdout)
    return 1


def passed(gate: str, detail: str) -> int:
    """Print a gate's closing ``<gate>: OK: <detail>`` line; return its exit code, 0."""
    print(f"{gate}: OK: {detail}")
    return 0


def relative(path: Path, root: Path) -> str:
    """``path`` as the user would type it from the project root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
