# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""What each CI job runs: the steps of the jobs in ``harness/jobs.py``, by key.

The steps are written in ``jobs.py`` with the jobs themselves; a leading ``"python"`` becomes
the interpreter running this module, so every step uses the project's virtual environment.
"""

from __future__ import annotations

import sys

from .jobs import JOBS, Step


def resolve(step: Step) -> Step:
    """``step`` with a leading ``"python"`` replaced by this interpreter."""
    return (sys.executable, *step[1:]) if step[:1] == ("python",) else step


STEPS: dict[str, tuple[Step, ...]] = {job.key: tuple(map(resolve, job.steps)) for job in JOBS}
