# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Commit-type sync: the PR-title check allows exactly the commit types ``cz check`` accepts.

With squash merges a pull request's title becomes the commit message on the branch, so the
title check (``amannn/action-semantic-pull-request`` in a workflow) and commitizen (the commit
hook, ``cz check`` and the changelog) must agree on the types. The list is asked from
commitizen itself, configured by the project's ``[tool.commitizen]``, never written down here.

Run: ``python -m harness.gates.commit_types [--root DIR]``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from commitizen import defaults
from commitizen.config import read_cfg
from commitizen.config.base_config import BaseConfig
from commitizen.exceptions import CommitizenException
from commitizen.factory import committer_factory

from harness.gates import failed, parser, passed, relative
from harness.workflows import WorkflowError, load_workflows

GATE = "commit-types"
SEMANTIC_PR_ACTION = "amannn/action-semantic-pull-request"
# The first group of plain alternatives in the schema pattern: `(build|bump|chore|...)`.
_TYPE_GROUP = re.compile(r"\((?:\?:)?([A-Za-z][\w-]*(?:\|[A-Za-z][\w-]*)*)\)")


class CommitTypesError(ValueError):
    """Commitizen's accepted types cannot be determined."""


@dataclass(frozen=True)
class TitleCheck:
    """One step that checks pull-request titles, and the types it allows (None: not listed)."""

    where: str
    types: tuple[str, ...] | None


def commitizen_config(root: Path) -> BaseConfig:
    """The project's commitizen configuration, looked up in ``root`` as ``cz`` would."""
    for name in defaults.CONFIG_FILES:
        path = root / name
        if path.is_file():
            try:
                return read_cfg(str(path))
            except CommitizenException:
                continue  # the file has no commitizen section
    return BaseConfig()


def types_from_pattern(pattern: str) -> tuple[str, ...]:
    """The commit types in a commitizen schema pattern's first alternation group."""
    match = _TYPE_GROUP.search(pattern)
    if match is None:
        raise CommitTypesError(
            f"commitizen's schema pattern {pattern!r} has no (type|type|...) group to read the "
            "accepted types from"
        )
    return tuple(match.group(1).split("|"))


def commitizen_types(root: Path) -> tuple[str, tuple[str, ...]]:
    """The configured commitizen rule's name, and the commit types its ``cz check`` accepts."""
    config = commitizen_config(root)
    try:
        rules = committer_factory(config)
    except CommitizenException as error:
        raise CommitTypesError(f"commitizen cannot load its rules: {error}") from error
    return str(config.settings["name"]), types_from_pattern(rules.schema_pattern())


def title_checks(root: Path) -> list[TitleCheck]:
    """Every semantic-pull-request step in the workflows, with the types it lists."""
    found: list[TitleCheck] = []
    for workflow in load_workflows(root):
        for job in workflow.jobs:
            for index, step in enumerate(job.steps()):
                uses = step.get("uses")
                if not isinstance(uses, str) or not uses.lower().startswith(
                    SEMANTIC_PR_ACTION + "@"
                ):
                    continue
                where = f"{relative(workflow.path, root)} (job '{job.job_id}', step {index + 1})"
                inputs = step.get("with")
                raw = inputs.get("types") if isinstance(inputs, Mapping) else None
                types = (
                    tuple(line.strip() for line in str(raw).splitlines() if line.strip())
                    if raw is not None
                    else None
                )
                found.append(TitleCheck(where, types))
    return found


def compare(accepted: Sequence[str], check: TitleCheck) -> list[str]:
    """What ``check`` must change to allow exactly ``accepted``."""
    if check.types is None:
        return [
            f"{check.where} has no 'types:' input, so the action falls back to its own default "
            f"list: list the types cz check accepts, one a line: {', '.join(accepted)}"
        ]
    problems: list[str] = []
    duplicates = sorted({kind for kind in check.types if check.types.count(kind) > 1})
    if duplicates:
        problems.append(f"{check.where} lists {', '.join(duplicates)} more than once")
    missing = [kind for kind in accepted if kind not in check.types]
    extra = [kind for kind in dict.fromkeys(check.types) if kind not in accepted]
    if missing:
        problems.append(
            f"{check.where} is missing {', '.join(missing)}: cz check accepts "
            f"{'it' if len(missing) == 1 else 'them'}, so pull requests titled that way are "
            "refused: add them to its 'types:'"
        )
    if extra:
        problems.append(
            f"{check.where} allows {', '.join(extra)}, which cz check refuses, so the squashed "
            "commit would fail the commit check: remove them from its 'types:' (or teach "
            "commitizen the type)"
        )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    options = parser(
        "harness.gates.commit_types",
        "Check that the PR-title workflow allows exactly the commit types commitizen accepts.",
    ).parse_args(argv)
    root: Path = options.root
    try:
        rule, accepted = commitizen_types(root)
        checks = title_checks(root)
    except (CommitTypesError, WorkflowError) as error:
        return failed(GATE, str(error))
    problems: list[str] = []
    if not checks:
        problems.append(
            f"no workflow step uses {SEMANTIC_PR_ACTION}, so pull-request titles are not "
            "checked: add the PR-title workflow back"
        )
    for check in checks:
        problems += compare(accepted, check)
    if problems:
        print(f"commitizen ({rule}) accepts: {' '.join(accepted)}")
        for problem in problems:
            print(f"  {problem}")
        return failed(GATE, f"{len(problems)} problem(s)")
    places = ", ".join(check.where for check in checks)
    return passed(GATE, f"{places} allows the {len(accepted)} types commitizen ({rule}) accepts")


if __name__ == "__main__":
    sys.exit(main())
