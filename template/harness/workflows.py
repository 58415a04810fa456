# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Reads the GitHub workflows the way GitHub does, for the meta-gates.

Two things are easy to get wrong and are handled here once:

* PyYAML implements YAML 1.1, where an unquoted ``on`` is the boolean ``True``; so a workflow's
  triggers sit under the key ``True`` (or under ``"on"`` when the key is quoted).
* The check-run names a job reports, which branch protection requires by name: the job's
  ``name:`` or, without one, its id; a matrix job reports one check per matrix combination
  (a ``matrix.x`` expression in the name is filled in, and a name without any expression gets
  the combination's values appended as ``name (v1, v2)``); a job that calls a reusable workflow
  reports ``caller / callee`` for each job of the called workflow.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

WORKFLOWS_DIR = Path(".github") / "workflows"
# Events whose checks gate a merge: pull requests and the merge queue.
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target", "merge_group")
# How a GitHub expression starts (spelled out so that no template engine mistakes it for its own).
EXPRESSION_START = "$" + "{" * 2

_MATRIX_EXPRESSION = re.compile(r"\$\{\{\s*matrix\.([\w-]+(?:\.[\w-]+)*)\s*\}\}")
_ANY_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
_HARNESS_CALL = re.compile(r"\buv\s+run\s+(?:\S+\s+)*?-m\s+harness\s+(?:run\s+)?([\w-]+)")


class WorkflowError(ValueError):
    """A workflow file that cannot be read as a GitHub workflow."""


@dataclass(frozen=True)
class Job:
    """One job of a workflow and the check runs it reports."""

    workflow: Path
    job_id: str
    definition: Mapping[str, Any]
    check_names: tuple[str, ...]
    # Why the check names are not fully known statically ("" when they are).
    unresolved: str = ""

    @property
    def display_name(self) -> str:
        name = self.definition.get("name")
        return name if isinstance(name, str) else self.job_id

    def steps(self) -> list[Mapping[str, Any]]:
        steps = self.definition.get("steps")
        if not isinstance(steps, list):
            return []
        return [step for step in steps if isinstance(step, Mapping)]

    def harness_keys(self) -> list[str]:
        """The keys of every ``uv run -m harness <key>`` the job's ``run:`` steps call."""
        keys: list[str] = []
        for step in self.steps():
            command = step.get("run")
            if isinstance(command, str):
                keys += _HARNESS_CALL.findall(" ".join(command.split()))
        return keys

    def uses_action(self, action: str) -> bool:
        """Whether a step uses ``action`` (``owner/repo``), at any version or pin."""
        prefix = action.lower() + "@"
        return any(
            isinstance(step.get("uses"), str) and str(step["uses"]).lower().startswith(prefix)
            for step in self.steps()
        )


@dataclass(frozen=True)
class Workflow:
    """A workflow file: its triggers and its jobs."""

    path: Path
    triggers: Mapping[str, Any]
    jobs: tuple[Job, ...] = field(default=())

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def runs_on_pull_requests(self) -> bool:
        return any(event in self.triggers for event in PULL_REQUEST_EVENTS)

    def runs_for_base_branch(self, branch: str) -> bool:
        """Whether a pull request (or merge group) into ``branch`` starts this workflow."""
        for event in PULL_REQUEST_EVENTS:
            if event not in self.triggers:
                continue
            config = self.triggers[event]
            if not isinstance(config, Mapping):
                return True
            if "branches" in config:
                if branch_matches(branch, _strings(config["branches"])):
                    return True
            elif "branches-ignore" in config:
                if not branch_matches(branch, _strings(config["branches-ignore"])):
                    return True
            else:
                return True
        return False

    def path_filtered_events(self) -> list[str]:
        """Pull-request events that start this workflow only when certain paths change."""
        return [
            event
            for event in PULL_REQUEST_EVENTS
            if isinstance(self.triggers.get(event), Mapping)
            and ({"paths", "paths-ignore"} & set(self.triggers[event]))
        ]


def load_yaml(path: Path) -> Any:
    """Parse a YAML file safely; a syntax error becomes a ``WorkflowError`` naming the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise WorkflowError(f"{path}: not valid YAML: {error}") from error


def triggers_of(document: Mapping[Any, Any]) -> dict[str, Any]:
    """The workflow's ``on:`` as ``{event: configuration}``, however it was written.

    ``on: push``, ``on: [push, pull_request]`` and the mapping form are all accepted, under the
    key ``"on"`` or under ``True`` (what YAML 1.1 makes of an unquoted ``on``).
    """
    raw = document["on"] if "on" in document else document.get(True)
    if isinstance(raw, str):
        return {raw: None}
    if isinstance(raw, list):
        return {str(event): None for event in raw}
    if isinstance(raw, Mapping):
        return {str(event): config for event, config in raw.items()}
    return {}


def load_workflow(path: Path, root: Path | None = None) -> Workflow:
    """Read one workflow file. ``root`` (the repository) resolves local reusable workflows."""
    document = load_yaml(path)
    if not isinstance(document, Mapping):
        raise WorkflowError(f"{path}: a workflow must be a YAML mapping")
    jobs = document.get("jobs")
    if not isinstance(jobs, Mapping):
        raise WorkflowError(f"{path}: a workflow needs a 'jobs:' mapping")
    parsed: list[Job] = []
    for job_id, definition in jobs.items():
        if not isinstance(definition, Mapping):
            raise WorkflowError(f"{path}: job '{job_id}' must be a mapping")
        names, unresolved = check_names(str(job_id), definition, root, seen=(path.resolve(),))
        parsed.append(Job(path, str(job_id), definition, names, unresolved))
    return Workflow(path, triggers_of(document), tuple(parsed))


def load_workflows(root: Path) -> list[Workflow]:
    """Every workflow in ``.github/workflows`` (``*.yml`` and ``*.yaml``), sorted by name."""
    directory = root / WORKFLOWS_DIR
    paths = sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    return [load_workflow(path, root) for path in paths]


# ---------------------------------------------------------------------------------------------
# Check-run names


def check_names(
    job_id: str,
    job: Mapping[str, Any],
    root: Path | None = None,
    *,
    seen: tuple[Path, ...] = (),
) -> tuple[tuple[str, ...], str]:
    """The check-run names ``job`` reports, and why they are not fully known ("" if they are)."""
    raw_name = job.get("name")
    name = str(raw_name) if raw_name is not None else None
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, Mapping) else None
    if matrix is None:
        names = [name if name is not None else job_id]
        unresolved = ""
    else:
        combinations = matrix_combinations(matrix)
        if combinations is None:
            return (name or job_id,), "its matrix is an expression and cannot be expanded"
        names = [matrix_job_name(job_id, name, combination) for combination in combinations]
        unresolved = ""
    if any(_ANY_EXPRESSION.search(each) for each in names):
        unresolved = "its name holds an expression that is only known when the job runs"
    called = job.get("uses")
    if isinstance(called, str):
        callee_names, why = _called_workflow_names(called, root, seen)
        names = [f"{caller} / {callee}" for caller in names for callee in callee_names]
        unresolved = unresolved or why
    return tuple(dict.fromkeys(names)), unresolved


def matrix_combinations(matrix: object) -> list[dict[str, Any]] | None:
    """Expand a ``strategy.matrix`` as GitHub does, or ``None`` if it is an expression.

    The axes are multiplied out, ``exclude`` removes every combination it partially matches,
    then each ``include`` entry is merged into every original combination whose axis values it
    does not contradict, or becomes a combination of its own if there is none.
    """
    if not isinstance(matrix, Mapping):
        return None
    axes = {str(key): value for key, value in matrix.items() if key not in ("include", "exclude")}
    if not all(isinstance(values, list) for values in axes.values()):
        return None
    includes = matrix.get("include") or []
    excludes = matrix.get("exclude") or []
    if not isinstance(includes, list) or not isinstance(excludes, list):
        return None
    combinations = (
        [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())]
        if axes
        else []
    )
    combinations = [
        combination
        for combination in combinations
        if not any(
            isinstance(rule, Mapping) and all(combination.get(k) == v for k, v in rule.items())
            for rule in excludes
        )
    ]
    originals = list(combinations)
    for entry in includes:
        if not isinstance(entry, Mapping):
            return None
        matched = False
        for combination in originals:
            if all(combination[key] == value for key, value in entry.items() if key in axes):
                combination.update({k: v for k, v in entry.items() if k not in axes})
                matched = True
        if not matched:
            combinations.append({str(key): value for key, value in entry.items()})
    return combinations


def matrix_job_name(job_id: str, name: str | None, combination: Mapping[str, Any]) -> str:
    """One matrix combination's check name.

    A name that uses ``matrix.x`` expressions gets the values filled in. Without a name, or with a
    name that holds no expression at all, GitHub appends the combination's values:
    ``test (ubuntu-24.04, 3.13)``.
    """
    if name is not None and EXPRESSION_START in name:
        return _MATRIX_EXPRESSION.sub(
            lambda match: _format_value(_lookup(combination, match.group(1))), name
        )
    values = [text for text in (_format_value(v) for v in combination.values()) if text]
    base = name if name is not None else job_id
    return f"{base} ({', '.join(values)})" if values else base


def _lookup(combination: Mapping[str, Any], dotted: str) -> Any:
    value: Any = combination
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return ""
        value = value[part]
    return value


def _format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return ", ".join(text for text in map(_format_value, value.values()) if text)
    if isinstance(value, list):
        return ", ".join(text for text in map(_format_value, value) if text)
    return str(value)


def _called_workflow_names(
    called: str, root: Path | None, seen: tuple[Path, ...]
) -> tuple[list[str], str]:
    """The check names of the jobs of a reusable workflow, when it lives in this repository."""
    if root is None or not called.startswith("./"):
        return ["*"], f"it calls the reusable workflow '{called}', which is not in this repository"
    path = (root / called).resolve()
    if path in seen:
        return ["*"], f"it calls '{called}' recursively"
    if not path.is_file():
        return ["*"], f"it calls '{called}', which does not exist"
    document = load_yaml(path)
    jobs = document.get("jobs") if isinstance(document, Mapping) else None
    if not isinstance(jobs, Mapping):
        return ["*"], f"it calls '{called}', which has no jobs"
    names: list[str] = []
    unresolved = ""
    for job_id, definition in jobs.items():
        if isinstance(definition, Mapping):
            callee, why = check_names(str(job_id), definition, root, seen=(*seen, path))
            names += callee
            unresolved = unresolved or why
    return names, unresolved


# ---------------------------------------------------------------------------------------------
# Branch filters


def branch_matches(branch: str, patterns: Sequence[str]) -> bool:
    """GitHub's branch filter: the last pattern that matches decides; ``!`` negates."""
    matched = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        if _glob_regex(pattern[1:] if negated else pattern).fullmatch(branch):
            matched = not negated
    return matched


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """GitHub filter globs: ``*`` stops at ``/``, ``**`` does not, ``?``/``+`` repeat."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char in "?+" and out:
            out.append(char)
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append(pattern[index : end + 1])
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(item) for item in value]
    return []
