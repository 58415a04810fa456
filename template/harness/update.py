# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Pull the latest Harness template into this project: ``uv run -m harness.update``.

Runs ``copier check-update``; when a newer template version exists, ``copier update`` merges it
(your edits win where they do not overlap; overlapping edits get inline conflict markers) and
the template's migration relocks uv.lock. Prints the files left with conflicts and exits 1 if
there are any, so a person resolves them before committing. The scheduled update workflow runs
the same module and opens a pull request.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

# The Copier versions this template is tested with; uvx fetches them on demand.
COPIER = (
    "uvx",
    "--from",
    "copier==9.19.1",
    "--with",
    "copier-template-extensions==0.3.4",
    "copier",
)
CONFLICT_MARKERS = ("<<<<<<< before updating", ">>>>>>> after updating")
UPDATE_AVAILABLE = 2  # `copier check-update --quiet` exits 2 when an update exists


def _git(*arguments: str) -> str:
    return subprocess.run(["git", *arguments], capture_output=True, text=True, check=True).stdout


def tree_is_clean() -> bool:
    return _git("status", "--porcelain") == ""


def update_available() -> bool:
    completed = subprocess.run([*COPIER, "check-update", "--quiet"], check=False)
    if completed.returncode not in (0, UPDATE_AVAILABLE):
        raise SystemExit("`copier check-update` failed; see its output above.")
    return completed.returncode == UPDATE_AVAILABLE


def conflicted_files(root: Path = Path()) -> list[str]:
    """Files git reports as unmerged, plus any text file holding Copier's conflict markers."""
    unmerged = set(_git("diff", "--name-only", "--diff-filter=U").split())
    for name in _git("ls-files", "--modified", "--others", "--exclude-standard").split():
        path = root / name
        if path.is_file() and any(
            line.startswith(CONFLICT_MARKERS)
            for line in path.read_text(errors="ignore").splitlines()
        ):
            unmerged.add(name)
    return sorted(unmerged)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="uv run -m harness.update", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only say whether an update exists")
    options = parser.parse_args(argv)
    if not tree_is_clean():
        print("Commit or stash your changes first: an update needs a clean git tree.")
        return 1
    if not update_available():
        print("Already on the latest Harness version.")
        return 0
    if options.check:
        print("A newer Harness version is available: run `uv run -m harness.update`.")
        return 0
    completed = subprocess.run([*COPIER, "update", "--defaults", "--trust"], check=False)
    if completed.returncode != 0:
        return completed.returncode
    conflicts = conflicted_files()
    if conflicts:
        print("Resolve the conflict markers in:")
        print("\n".join(f"  {name}" for name in conflicts))
        return 1
    print("Updated. Review with `git diff`, run `uv run -m harness ci`, then commit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
