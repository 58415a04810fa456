# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The pip-audit exceptions gate: format, uniqueness and sunset dates, with a fixed today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from harness.gates import audit_exceptions
from harness.gates.audit_exceptions import IgnoreFileError, ignore_flags, parse

from .conftest import Repo

TODAY = date(2026, 11, 25)
GOOD = (
    "# exceptions\n"
    "\n"
    "PYSEC-2024-48 2026-12-31 only the CLI is affected, which we do not ship\n"
    "  GHSA-h4gh-qq45-vh27   2027-01-15   no fix released yet; input is trusted\n"
    "CVE-2025-12345 2026-11-26 reachable only from the admin API\n"
)


def write(repo: Repo, text: str) -> Path:
    return repo.write(".github/security/pip-audit-ignore.txt", text)


def messages(repo: Repo, text: str) -> list[str]:
    _, problems = parse(write(repo, text), TODAY, shown_as="ignore.txt")
    return [str(problem) for problem in problems]


def test_a_valid_file_parses(repo: Repo) -> None:
    entries, problems = parse(write(repo, GOOD), TODAY)
    assert problems == []
    assert [(e.id, e.sunset, e.line) for e in entries] == [
        ("PYSEC-2024-48", date(2026, 12, 31), 3),
        ("GHSA-h4gh-qq45-vh27", date(2027, 1, 15), 4),
        ("CVE-2025-12345", date(2026, 11, 26), 5),
    ]
    assert entries[1].reason == "no fix released yet; input is trusted"


def test_ignore_flags_expand_every_exception(repo: Repo) -> None:
    assert ignore_flags(write(repo, GOOD), TODAY) == [
        "--ignore-vuln",
        "PYSEC-2024-48",
        "--ignore-vuln",
        "GHSA-h4gh-qq45-vh27",
        "--ignore-vuln",
        "CVE-2025-12345",
    ]


def test_a_missing_or_empty_file_ignores_nothing(repo: Repo) -> None:
    assert ignore_flags(repo.root / "absent.txt", TODAY) == []
    assert ignore_flags(write(repo, "# nothing yet\n\n"), TODAY) == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("PYSEC-2024-48", "the sunset date (YYYY-MM-DD) and the reason are missing"),
        ("PYSEC-2024-48 2026-12-31", "the reason is missing"),
        ("PYSEC-2024-48 31.12.2026 why", "'31.12.2026' is not a date in YYYY-MM-DD form"),
        ("PYSEC-2024-48 2026-02-30 why", "'2026-02-30' is not a date in YYYY-MM-DD form"),
        ("PYSEC-2024-48 20261231 why", "'20261231' is not a date in YYYY-MM-DD form"),
        ("OSV-2024-1 2026-12-31 why", "'OSV-2024-1' is not a PYSEC-YYYY-N, GHSA-xxxx-xxxx-xxxx"),
        ("GHSA-abcd-efgh-ijkl 2026-12-31 why", "'GHSA-abcd-efgh-ijkl' is not a PYSEC"),
        ("CVE-2024-12 2026-12-31 why", "'CVE-2024-12' is not a PYSEC"),
        ("pysec-2024-48 2026-12-31 why", "'pysec-2024-48' is not a PYSEC"),
    ],
)
def test_each_malformed_line_is_reported_with_its_place(
    repo: Repo, line: str, message: str
) -> None:
    [problem] = messages(repo, f"# header\n{line}\n")
    assert problem.startswith(f"ignore.txt:2: {message}")


def test_an_exception_expires_on_its_sunset_date(repo: Repo) -> None:
    assert messages(repo, "PYSEC-2024-48 2026-11-26 tomorrow is still fine\n") == []
    [problem] = messages(repo, "PYSEC-2024-48 2026-11-25 today is the sunset\n")
    assert problem.startswith("ignore.txt:1: the exception for PYSEC-2024-48 expired on 2026-11-25")
    assert "renew it" in problem
    [problem] = messages(repo, "PYSEC-2024-48 2020-01-01 long gone\n")
    assert "expired on 2020-01-01" in problem


def test_a_duplicate_id_is_reported(repo: Repo) -> None:
    text = "PYSEC-2024-48 2026-12-31 one\nPYSEC-2024-48 2027-01-31 two\n"
    assert messages(repo, text) == [
        "ignore.txt:2: PYSEC-2024-48 is already listed on line 1",
    ]


def test_ignore_flags_refuse_a_broken_file(repo: Repo) -> None:
    path = write(repo, "PYSEC-2024-48 2026-01-01 expired\nbad\n")
    with pytest.raises(IgnoreFileError) as caught:
        ignore_flags(path, TODAY)
    assert [problem.line for problem in caught.value.problems] == [1, 2, 2]


def test_the_cli_reports_and_fails(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "PYSEC-2024-48 2026-01-01 expired\n")
    code = audit_exceptions.main(["--root", str(repo.root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert ".github/security/pip-audit-ignore.txt:1: the exception for PYSEC-2024-48" in out
    assert "audit-exceptions: FAILED: 1 problem(s)" in out


def test_the_cli_passes_with_one_line(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, GOOD)
    code = audit_exceptions.main(["--root", str(repo.root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 0
    assert out == (
        "audit-exceptions: OK: 3 exception(s) in .github/security/pip-audit-ignore.txt; "
        "the first expires on 2026-11-26\n"
    )


def test_the_cli_prints_flags(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, GOOD)
    argv = ["--root", str(repo.root), "--today", "2026-11-25", "--print-flags"]
    assert audit_exceptions.main(argv) == 0
    assert capsys.readouterr().out == (
        "--ignore-vuln PYSEC-2024-48 --ignore-vuln GHSA-h4gh-qq45-vh27 "
        "--ignore-vuln CVE-2025-12345\n"
    )
    write(repo, "nonsense\n")
    assert audit_exceptions.main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "pip-audit-ignore.txt:1:" in captured.err


def test_a_file_option_and_no_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit_exceptions.main(["--root", str(repo.root)]) == 0
    assert "no .github/security/pip-audit-ignore.txt" in capsys.readouterr().out
    other = repo.write("elsewhere.txt", "CVE-2025-0001 2999-01-01 fine\n")
    assert audit_exceptions.main(["--root", str(repo.root), "--file", str(other)]) == 0
    assert "1 exception(s) in elsewhere.txt" in capsys.readouterr().out
