# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Write the generated parts of the CI from ``harness/jobs.py``.

    uv run -m harness sync            # rewrite whatever differs, and say what it rewrote
    uv run -m harness sync --check    # say what differs and exit 1, changing nothing

The generated parts are the jobs between the marker lines of each workflow, the required checks
of each ``.github/branch-protection/*.json`` and the job table in ``README.md``
(``harness/generate.py`` writes them). Everything around them is left as it is. The ``parity``
and ``protection-sync`` jobs report a generated part that ``sync`` would change.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from . import generate
from .gates import failed, passed
from .generate import JobSpec

WORKFLOWS_DIR = Path(".github") / "workflows"
PROTECTION_DIR = Path(".github") / "branch-protection"
README = Path("README.md")
JOBS_FILE = Path("harness") / "jobs.py"
COMMAND = "uv run -m harness sync"
# The kinds of generated part, for the gate that reports each.
WORKFLOW, PROTECTION, TABLE = "workflow", "protection", "table"
_PACKAGE = "_harness_project"


@dataclass(frozen=True)
class Change:
    """A file whose generated part differs from what ``jobs.py`` says, and its new text."""

    path: Path  # relative to the project root
    kind: str
    text: str

    @property
    def part(self) -> str:
        return {
            WORKFLOW: "the generated jobs",
            PROTECTION: "the required checks",
            TABLE: "the job table's rows",
        }[self.kind]


@dataclass
class Plan:
    """What ``sync`` would write, and what stops it from writing some of it."""

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # The workflows (by stem) that have marker lines for generated jobs.
    generated: set[str] = field(default_factory=set)


@contextmanager
def project_package(root: Path) -> Iterator[str]:
    """The ``harness`` package of the project at ``root``, importable under a private name.

    The gates read the project under ``--root``, which need not be on ``sys.path``; its relative
    imports still work, and nothing of it stays imported afterwards.
    """
    package = ModuleType(_PACKAGE)
    package.__path__ = [str(root / "harness")]
    sys.modules[_PACKAGE] = package
    try:
        yield _PACKAGE
    finally:
        for name in [name for name in sys.modules if name.partition(".")[0] == _PACKAGE]:
            del sys.modules[name]


def load_jobs(root: Path) -> tuple[list[JobSpec], tuple[str, ...]]:
    """``JOBS`` and ``ACTIONS`` from ``<root>/harness/jobs.py``."""
    with project_package(root) as package:
        module = importlib.import_module(f"{package}.jobs")
    return list(module.JOBS), tuple(getattr(module, "ACTIONS", ()))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _workflow_plan(
    root: Path, jobs: Sequence[JobSpec], actions: Sequence[str], result: Plan
) -> None:
    paths = sorted([*(root / WORKFLOWS_DIR).glob("*.yml"), *(root / WORKFLOWS_DIR).glob("*.yaml")])
    texts = {path: _read(path) for path in paths}
    for path, text in texts.items():
        if not generate.has_region(text, generate.BEGIN_JOBS, generate.END_JOBS):
            continue
        result.generated.add(path.stem)
        # The file's own pins win, then any workflow's (a Dependabot bump), then the defaults.
        pins = generate.pins(actions, [*texts.values(), text])
        try:
            block = generate.workflow_jobs(jobs, path.stem, pins)
        except ValueError as error:
            result.problems.append(f"{path.relative_to(root).as_posix()}: {error}")
            continue
        written = generate.replace_region(text, generate.BEGIN_JOBS, generate.END_JOBS, block)
        if written != text:
            result.changes.append(Change(path.relative_to(root), WORKFLOW, str(written)))


def unplaced(jobs: Sequence[JobSpec], result: Plan) -> list[str]:
    """A sentence for each generated job whose workflow has no generated jobs to hold it."""
    problems = []
    for job in jobs:
        if job.handwritten or job.workflow in result.generated:
            continue
        where = (WORKFLOWS_DIR / f"{job.workflow}.yml").as_posix()
        problems.append(
            f"job '{job.key}' belongs to {where}, which has no marker lines for generated "
            f"jobs: create the file, or put the two marker lines of "
            f"{WORKFLOWS_DIR.as_posix()}/ci.yml under its 'jobs:'; or set handwritten=True "
            f"in {JOBS_FILE.as_posix()} and write the workflow job yourself"
        )
    return problems


def plan(root: Path, jobs: Sequence[JobSpec], actions: Sequence[str]) -> Plan:
    """Every generated part under ``root`` that differs from ``jobs``, with its new text."""
    result = Plan()
    _workflow_plan(root, jobs, actions, result)
    for path in sorted((root / PROTECTION_DIR).glob("*.json")):
        try:
            written = generate.required_checks(_read(path), jobs)
        except ValueError as error:  # json.JSONDecodeError is one
            result.problems.append(f"{path.relative_to(root).as_posix()}: {error}")
            continue
        if written is not None:
            result.changes.append(Change(path.relative_to(root), PROTECTION, written))
    readme = root / README
    text = _read(readme) if readme.is_file() else ""
    if generate.has_region(text, generate.BEGIN_TABLE, generate.END_TABLE):
        table = generate.job_table(jobs)
        written = generate.replace_region(text, generate.BEGIN_TABLE, generate.END_TABLE, table)
        if written != text:
            result.changes.append(Change(README, TABLE, str(written)))
    return result


def drift(root: Path, kinds: set[str]) -> dict[str, str]:
    """The gates' view: for each file whose generated part of ``kinds`` ``sync`` would change,
    a sentence that says so, by the file's path from the root.

    A project without ``harness/jobs.py`` has nothing to generate from, so nothing drifts.
    """
    if not (root / JOBS_FILE).is_file():
        return {}
    result = plan(root, *load_jobs(root))
    return {
        change.path.as_posix(): (
            f"{change.part} differ from {JOBS_FILE.as_posix()} (edited by hand, or jobs.py "
            f"changed since): run `{COMMAND}`"
        )
        for change in result.changes
        if change.kind in kinds
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on drift")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project's root")
    options = parser.parse_args(argv)
    root: Path = options.root
    jobs, actions = load_jobs(root)
    result = plan(root, jobs, actions)
    result.problems += unplaced(jobs, result)
    for problem in result.problems:
        print(problem)
    for change in result.changes:
        if options.check:
            print(f"{change.path.as_posix()}: {change.part} would change")
        else:
            (root / change.path).write_text(change.text, encoding="utf-8")
            print(f"{change.path.as_posix()}: wrote {change.part}")
    if result.problems or (options.check and result.changes):
        return failed("sync", f"{len(result.problems) + len(result.changes)} problem(s)")
    if not result.changes:
        return passed("sync", f"the generated parts already match {JOBS_FILE.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
