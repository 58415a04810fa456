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
PYENV_PINS = ("PYENV_VERSION", "PYENV_DIR")


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
    completed = lock(uv, root, dict(os.environ))
    if completed.returncode != 0 and "PYENV_VERSION" in os.environ:
        # pyenv's shims export PYENV_VERSION and PYENV_DIR to everything they start (uvx,
        # Copier, a pip-installed uv): the first pins every other shim, python3.13 included, to
        # one version; the second makes them look for .python-version elsewhere. Without both,
        # the shims follow this project's .python-version, as uv expects.
        environment = {k: v for k, v in os.environ.items() if k not in PYENV_PINS}
        completed = lock(uv, root, environment)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        print(
            "`uv lock` failed (see above). If uv cannot find the Python in .python-version, "
            "point it at one, e.g. `UV_PYTHON=/path/to/python3.X uv lock`; otherwise fix "
            "pyproject.toml and run `uv lock` again."
        )
    return 0


def lock(uv: str, root: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [uv, "lock", "--quiet"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
