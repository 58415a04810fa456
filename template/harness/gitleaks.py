# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Run gitleaks with the project's rules (``.gitleaks.toml``), if it is installed.

``history`` scans every commit (the CI "Secret scan" job) and fails when gitleaks is missing.
``staged`` scans the staged changes (a pre-commit hook); when gitleaks is missing it says so
plainly and passes, because the harness' own secret scan runs as the hook before it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

INSTALL_HINT = "install it from https://github.com/gitleaks/gitleaks/releases (CI does)"


def command(mode: str, gitleaks: str) -> list[str]:
    base = [gitleaks, "git", "--redact", "--verbose", "--config", ".gitleaks.toml"]
    return [*base, "--pre-commit", "--staged"] if mode == "staged" else base


def main(argv: list[str]) -> int:
    if argv not in (["history"], ["staged"]):
        print("usage: python -m harness.gitleaks history|staged", file=sys.stderr)
        return 2
    mode = argv[0]
    gitleaks = shutil.which("gitleaks")
    if gitleaks is None:
        if mode == "staged":
            print(f"gitleaks is not installed: this layer did NOT run; {INSTALL_HINT}.")
            return 0
        print(f"gitleaks is not installed; {INSTALL_HINT}.", file=sys.stderr)
        return 1
    return subprocess.run(command(mode, gitleaks), check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
