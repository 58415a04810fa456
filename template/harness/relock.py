"""Relock uv.lock after ``copier update`` (Copier runs this as a migration).

Copier never renders uv.lock, so it never merges it; this script regenerates it from the merged
pyproject.toml instead. It uses only the standard library because Copier runs it with its own
interpreter, before the project's environment exists.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

CONFLICT_MARKERS = ("<<<<<<< ", ">>>>>>> ")


def has_conflict_markers(path: Path) -> bool:
    if not path.exists():
        return False
    return any(line.startswith(CONFLICT_MARKERS) for line in path.read_text().splitlines())


def main(root: Path) -> int:
    if has_conflict_markers(root / "pyproject.toml"):
        print("pyproject.toml has conflict markers: resolve them, then run `uv lock`.")
        return 0
    uv = shutil.which("uv")
    if uv is None:
        print("uv is not on PATH: run `uv lock` once it is installed.")
        return 0
    lockfile = root / "uv.lock"
    if has_conflict_markers(lockfile):
        # A lockfile is derived data: regenerate it rather than merge it.
        lockfile.unlink()
    completed = subprocess.run([uv, "lock", "--quiet"], cwd=root, check=False)
    if completed.returncode != 0:
        print("`uv lock` failed: fix pyproject.toml, then run `uv lock` again.")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
