# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The guard's rule table in docs/SECURITY.md is generated from its rule registry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / ".claude" / "hooks"


def run_docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness_guard", "docs", *args],
        cwd=HOOKS,
        capture_output=True,
        text=True,
        check=False,
    )


def test_rule_table_matches_the_registry() -> None:
    result = run_docs("--check")
    assert result.returncode == 0, result.stderr


def test_rule_table_check_fails_when_a_rule_is_missing(tmp_path: Path) -> None:
    original = (HOOKS.parents[1] / "docs" / "SECURITY.md").read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    begin = next(i for i, line in enumerate(lines) if line.startswith("<!-- rules:begin"))
    row = next(i for i, line in enumerate(lines) if i > begin and line.startswith("| `"))
    stale = tmp_path / "SECURITY.md"
    stale.write_text("".join(lines[:row] + lines[row + 1 :]), encoding="utf-8")
    result = run_docs("--check", "--file", str(stale))
    assert result.returncode == 1
    assert "python3 -m harness_guard docs" in result.stderr
    assert run_docs("--file", str(stale)).returncode == 0
    assert stale.read_text(encoding="utf-8") == original
