# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The Python-deps job: audit the locked runtime dependencies with pip-audit.

1. The exceptions in ``.github/security/pip-audit-ignore.txt`` are checked first (an expired
   or malformed exception fails the job, see ``harness.gates.audit_exceptions``).
2. ``uv export`` writes the locked runtime dependencies, with hashes, to a requirements file.
3. ``pip-audit --strict --disable-pip`` audits exactly those pins: ``--strict`` fails the audit
   when a dependency cannot be looked up (otherwise an unreachable index passes silently) and
   ``--disable-pip`` audits the hashed pins without installing anything.

pip-audit exits 1 when it finds a vulnerability that is not excepted; this job exits with its
code. It needs the network (the vulnerability service), so the local CI runs it only with
``--network``.

Run: ``python -m harness.pip_audit [--root DIR]``.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from harness.gates import parser
from harness.gates.audit_exceptions import IGNORE_FILE, IgnoreFileError, ignore_flags, today_utc

JOB = "python-deps"


def export_command(uv: str, requirements: Path) -> list[str]:
    """``uv export`` of the locked runtime dependencies, hashes included, without the project."""
    return [
        uv,
        "export",
        "--frozen",
        "--no-dev",
        "--no-emit-project",
        "--format",
        "requirements-txt",
        "-o",
        str(requirements),
    ]


def audit_command(requirements: Path, flags: Sequence[str]) -> list[str]:
    """pip-audit over the exported pins, with the exceptions' ``--ignore-vuln`` flags."""
    return [
        sys.executable,
        "-m",
        "pip_audit",
        "--strict",
        "--disable-pip",
        "-r",
        str(requirements),
        *flags,
    ]


def _run(argv: Sequence[str], root: Path, *, quiet: bool = False) -> int:
    """Run a command from the project root, echoing it; ``quiet`` drops its standard output."""
    print(f"$ {shlex.join(argv)}", flush=True)
    stdout = subprocess.DEVNULL if quiet else None
    return subprocess.run(list(argv), cwd=root, stdout=stdout, check=False).returncode


def main(argv: Sequence[str] | None = None) -> int:
    options = parser(
        "harness.pip_audit", "Audit the locked runtime dependencies with pip-audit."
    ).parse_args(argv)
    root: Path = options.root
    try:
        flags = ignore_flags(root / IGNORE_FILE, today_utc())
    except IgnoreFileError as error:
        print(error)
        print(f"{JOB}: the exceptions are invalid: fix {IGNORE_FILE.as_posix()} first")
        return 1
    uv = shutil.which("uv")
    if uv is None:
        print(f"{JOB}: uv is not on PATH: install it (https://docs.astral.sh/uv/) and retry")
        return 1
    with tempfile.TemporaryDirectory(prefix="harness-pip-audit-") as directory:
        requirements = Path(directory) / "requirements.txt"
        # uv echoes the exported file on standard output too; the file is what matters.
        exported = _run(export_command(uv, requirements), root, quiet=True)
        if exported != 0:
            print(f"{JOB}: `uv export` failed (exit {exported}); is uv.lock up to date?")
            return exported
        return _run(audit_command(requirements, flags), root)


if __name__ == "__main__":
    sys.exit(main())
