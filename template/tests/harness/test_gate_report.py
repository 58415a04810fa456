# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""One definition of what the gates share: the skip exit code and the closing report line.

Every job that can skip returns ``harness.gates.SKIP_EXIT_CODE``, the code the local runner
reads as skipped; every gate ends with the line ``failed`` or ``passed`` prints. A module that
keeps its own copy of either could drift from the runner without any test noticing, so the
copies are looked for here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness import gates, runner

HARNESS = Path(gates.__file__).resolve().parent.parent
SHARED = Path(gates.__file__).resolve()
# A module defining the skip code itself, or printing a report line by hand.
COPIES = (
    re.compile(r"^SKIP_EXIT_CODE\s*[:=]", re.MULTILINE),
    re.compile(r"\breturn\s+77\b|\bexit\(77\)"),
    re.compile(r"""print\(\s*f?["'][^"']*: (FAILED|OK): """),
)


def copies(directory: Path) -> list[str]:
    """Each module under ``directory`` (but the shared one) that repeats a shared definition."""
    found = []
    for path in sorted(directory.rglob("*.py")):
        if path.resolve() == SHARED:
            continue
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(directory).as_posix()}: {pattern.pattern}"
            for pattern in COPIES
            if pattern.search(text)
        ]
    return found


def test_the_runner_skips_on_the_shared_code() -> None:
    # The runner imports the constant (mypy --strict hides an implicit re-export, hence vars).
    assert vars(runner)["SKIP_EXIT_CODE"] is gates.SKIP_EXIT_CODE
    assert gates.SKIP_EXIT_CODE == 77


def test_no_module_keeps_its_own_copy() -> None:
    assert copies(HARNESS) == []


def test_a_planted_copy_is_found(tmp_path: Path) -> None:
    (tmp_path / "skipper.py").write_text("SKIP_EXIT_CODE = 77\n")
    (tmp_path / "gate.py").write_text('def main() -> int:\n    print(f"{GATE}: FAILED: 1")\n')
    assert len(copies(tmp_path)) == 2


def test_failed_and_passed_print_the_closing_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert gates.failed("parity", "2 problem(s)") == 1
    assert gates.passed("parity", "all twins") == 0
    assert capsys.readouterr().out == "parity: FAILED: 2 problem(s)\nparity: OK: all twins\n"
