# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Lock the dependencies after ``copier copy`` and after every ``copier update``.

Copier never renders uv.lock, so it never merges it: this script (a Copier task on copy, a
migration on update) generates it from pyproject.toml instead. It uses only the standard library
because Copier runs it with its own interpreter, before the project's environment exists.

A project without uv.lock cannot run ``uv sync --frozen``, so a lock that cannot be made fails
the render (exit 1, after one sentence on what to do) instead of reporting a project "ready".
The index is asked first, so a new project gets current releases; when it cannot be reached,
uv's cache is the fallback, and only when both fail does the render fail. The one exception is
an update that left conflict markers in pyproject.toml: Copier has already reported those, and
the lock follows once they are resolved.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CONFLICT_MARKERS = ("<<<<<<< ", ">>>>>>> ")
PYENV_PINS = ("PYENV_VERSION", "PYENV_DIR")
PYTHON_HINT = (
    "If uv cannot find the Python in .python-version, point it at one, e.g. "
    "`UV_PYTHON=/path/to/python3.X uv lock`."
)


def has_conflict_markers(path: Path) -> bool:
    if not path.exists():
        return False
    return any(line.startswith(CONFLICT_MARKERS) for line in path.read_text().splitlines())


def what_to_do(operation: str) -> str:
    """The way out, for the operation Copier is running (it exports it as COPIER_OPERATION)."""
    if operation == "copy":
        return (
            "fix the cause and run the copy again, or add `--skip-tasks` to render without "
            "uv.lock and run `uv lock` in the project once it can succeed."
        )
    return "fix the cause, then run `uv lock` in the project."


def main(root: Path) -> int:
    operation = os.environ.get("COPIER_OPERATION", "")
    if has_conflict_markers(root / "pyproject.toml"):
        print("pyproject.toml has conflict markers: resolve them, then run `uv lock`.")
        return 0
    uv = shutil.which("uv")
    if uv is None:
        print(
            "uv is not on PATH, so uv.lock could not be made: install uv, then "
            + what_to_do(operation)
        )
        return 1
    lockfile = root / "uv.lock"
    if has_conflict_markers(lockfile):
        # A lockfile is derived data: regenerate it rather than merge it.
        lockfile.unlink()
    environment = dict(os.environ)
    completed = lock(uv, root, environment)
    if completed.returncode != 0 and "PYENV_VERSION" in os.environ:
        # pyenv's shims export PYENV_VERSION and PYENV_DIR to everything they start (uvx,
        # Copier, a pip-installed uv): the first pins every other shim, python3.13 included, to
        # one version; the second makes them look for .python-version elsewhere. Without both,
        # the shims follow this project's .python-version, as uv expects.
        environment = {k: v for k, v in os.environ.items() if k not in PYENV_PINS}
        completed = lock(uv, root, environment)
    if completed.returncode == 0:
        return 0
    # The index may be unreachable (offline, a proxy, an outage): uv's cache may still hold
    # every package the project needs, as it does after any earlier render.
    offline = lock(uv, root, environment, "--offline")
    if offline.returncode == 0:
        print(
            "The package index could not be reached, so uv.lock was made from uv's cache: run "
            "`uv lock --upgrade` when you are online to pick up newer releases."
        )
        return 0
    sys.stderr.write(completed.stderr)
    print(
        f"`uv lock` failed (uv's error is above), so the project has no uv.lock. {PYTHON_HINT} "
        f"Otherwise {what_to_do(operation)}"
    )
    return 1


def lock(
    uv: str, root: Path, environment: dict[str, str], *options: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [uv, "lock", "--quiet", *options],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
