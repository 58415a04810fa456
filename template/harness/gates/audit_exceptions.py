# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""pip-audit exceptions: every ignored vulnerability is well formed and not past its sunset.

pip-audit has no ignore file, only ``--ignore-vuln ID`` flags. This project keeps its
exceptions in ``.github/security/pip-audit-ignore.txt``, one a line::

    <ID> <sunset YYYY-MM-DD> <reason ...>

``ID`` is a PYSEC-YYYY-N, GHSA-xxxx-xxxx-xxxx or CVE-YYYY-NNNN identifier. ``#`` starts a
comment line; blank lines are ignored. The sunset is the first day the exception no longer
applies: on that day (in UTC, as on GitHub's runners) it has expired, and this gate and the
Python-deps job fail until the entry is removed or renewed with a new date and reason.

Run: ``python -m harness.gates.audit_exceptions [--root DIR] [--file PATH] [--today DATE]
[--print-flags]``. ``--print-flags`` prints the ``--ignore-vuln`` flags for pip-audit.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from harness.gates import failed, parser, passed, relative

GATE = "audit-exceptions"
IGNORE_FILE = Path(".github") / "security" / "pip-audit-ignore.txt"
ID_FORMATS = "PYSEC-YYYY-N, GHSA-xxxx-xxxx-xxxx or CVE-YYYY-NNNN"
_ID = re.compile(
    r"PYSEC-\d{4}-\d+"
    r"|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}"  # GitHub's advisory alphabet
    r"|CVE-\d{4}-\d{4,}"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class IgnoredVulnerability:
    """One exception: the advisory, the day it stops applying, and why it is acceptable."""

    id: str
    sunset: date
    reason: str
    line: int


@dataclass(frozen=True)
class Problem:
    """A line of the ignore file that is wrong, and what is wrong with it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class IgnoreFileError(ValueError):
    """The ignore file has problems; ``problems`` lists them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


def today_utc() -> date:
    """Today's date on GitHub's runners, so that a laptop and CI expire entries on the same day."""
    return datetime.now(UTC).date()


def parse(
    path: Path, today: date, *, shown_as: str | None = None
) -> tuple[list[IgnoredVulnerability], list[Problem]]:
    """Read the ignore file: its valid entries and its problems. A missing file is empty."""
    name = shown_as or str(path)
    if not path.exists():
        return [], []
    entries: list[IgnoredVulnerability] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(maxsplit=2)
        wrong: list[str] = []
        vulnerability_id = fields[0]
        if not _ID.fullmatch(vulnerability_id):
            wrong.append(f"'{vulnerability_id}' is not a {ID_FORMATS} identifier")
        sunset: date | None = None
        if len(fields) < 2:
            wrong.append("the sunset date (YYYY-MM-DD) and the reason are missing")
        else:
            sunset = _parse_date(fields[1])
            if sunset is None:
                wrong.append(f"'{fields[1]}' is not a date in YYYY-MM-DD form")
            if len(fields) < 3:
                wrong.append("the reason is missing: say why the vulnerability is acceptable")
        if sunset is not None and sunset <= today:
            wrong.append(
                f"the exception for {vulnerability_id} expired on {sunset.isoformat()}: upgrade "
                "the dependency and remove the line, or renew it with a new date and reason"
            )
        if vulnerability_id in first_seen:
            wrong.append(
                f"{vulnerability_id} is already listed on line {first_seen[vulnerability_id]}"
            )
        else:
            first_seen[vulnerability_id] = number
        if wrong:
            problems += [Problem(name, number, message) for message in wrong]
        elif sunset is not None:
            entries.append(IgnoredVulnerability(vulnerability_id, sunset, fields[2], number))
    return entries, problems


def _parse_date(text: str) -> date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def ignore_flags(path: Path, today: date) -> list[str]:
    """pip-audit's flags for the file's exceptions: ``["--ignore-vuln", ID, ...]``.

    Raises ``IgnoreFileError`` if any line is malformed or expired: a broken exception list
    must stop the audit, never silently ignore less (or more) than it says.
    """
    entries, problems = parse(path, today)
    if problems:
        raise IgnoreFileError(problems)
    return [flag for entry in entries for flag in ("--ignore-vuln", entry.id)]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser(
        "harness.gates.audit_exceptions",
        "Check the pip-audit exceptions: well formed, unique, and not past their sunset date.",
    )
    arguments.add_argument("--file", type=Path, help=f"the ignore file (default: {IGNORE_FILE})")
    arguments.add_argument(
        "--today", type=date.fromisoformat, help="the date to check against (default: today, UTC)"
    )
    arguments.add_argument(
        "--print-flags", action="store_true", help="print pip-audit's --ignore-vuln flags"
    )
    options = arguments.parse_args(argv)
    root: Path = options.root
    path: Path = options.file or root / IGNORE_FILE
    today: date = options.today or today_utc()
    shown = relative(path, root)
    entries, problems = parse(path, today, shown_as=shown)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr if options.print_flags else sys.stdout)
        return failed(
            GATE,
            f"{len(problems)} problem(s) in {shown}; the format is "
            "'<ID> <sunset YYYY-MM-DD> <reason>'",
            stream=sys.stderr if options.print_flags else sys.stdout,
        )
    if options.print_flags:
        print(shlex.join(flag for entry in entries for flag in ("--ignore-vuln", entry.id)))
        return 0
    if not path.exists():
        return passed(GATE, f"no {shown}, so no vulnerability is ignored")
    soonest = min((entry.sunset for entry in entries), default=None)
    detail = f"; the first expires on {soonest.isoformat()}" if soonest else ""
    return passed(GATE, f"{len(entries)} exception(s) in {shown}{detail}")


if __name__ == "__main__":
    sys.exit(main())
