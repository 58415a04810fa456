"""Lock the dependencies after ``copier copy`` and after every ``copier update``.

Copier never renders uv.lock, so it never merges it: this script (a Copier task on copy, a
migration on update) generates it from pyproject.toml instead. It uses only the standard library
because Copier runs it with its own interpreter, before the project's environment exists. It
never fails the render: when locking is impossible it says why and what to run.
"""

from __future__ import annotations

import os
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
        print(failure_hint(os.environ.get("PYENV_VERSION")))
    return 0


def failure_hint(pyenv_version: str | None) -> str:
    hint = (
        "`uv lock` failed (see above). If uv cannot find the Python in .python-version, point "
        "it at one, e.g. `UV_PYTHON=/path/to/python3.X uv lock`; otherwise fix "
        "pyproject.toml and run `uv lock` again."
    )
    if pyenv_version:
        # pyenv's shim for a pip-installed uv exports PYENV_VERSION, and every pyenv shim uv
        # then tries (python3.13, ...) refuses to run any other version.
        hint += (
            f" PYENV_VERSION={pyenv_version} is set, so pyenv's shims run only that version:"
            " give uv the interpreter's real path, e.g. `UV_PYTHON=$(pyenv root)/versions/"
            "3.X.Y/bin/python3`."
        )
    return hint


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
