# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Local/CI parity: every CI job runs on a laptop exactly as on GitHub, and the other way round.

The local side is ``harness/jobs.py`` (``JOBS``: key, name, workflow, steps; ``harness/tasks.py``
turns the steps into ``STEPS``); the GitHub side is the jobs of the workflows that run on pull
requests. Each workflow job must have a local twin with the same ``name`` whose ``workflow`` is
the workflow file's stem, and must run ``uv run -m harness <key>`` for that twin's key (the
``pr-title`` job may use the semantic-pull-request action instead: the title exists only on
GitHub). Each local job must have a workflow job, and steps. Finally, ``uv run -m harness sync``
must have nothing to change in the workflows' generated jobs and the README's job table.

Run: ``python -m harness.gates.parity [--root DIR]``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from harness.gates import failed, parser, passed, relative
from harness.sync import TABLE, WORKFLOW, drift, project_package
from harness.workflows import WORKFLOWS_DIR, Job, Workflow, WorkflowError, load_workflows

GATE = "parity"
JOBS_FILE = Path("harness") / "jobs.py"
TASKS_FILE = Path("harness") / "tasks.py"
SEMANTIC_PR_ACTION = "amannn/action-semantic-pull-request"
# Local jobs that may be twinned by a workflow job using an action instead of the entry point.
ACTION_TWINS = {"pr-title": SEMANTIC_PR_ACTION}


@dataclass(frozen=True)
class LocalJob:
    """The parts of a ``harness.jobs.Job`` this gate compares."""

    key: str
    name: str
    workflow: str


def _project_modules(root: Path) -> tuple[ModuleType, ModuleType]:
    """``harness.jobs`` and ``harness.tasks`` of the project at ``root``, wherever it is."""
    with project_package(root) as package:
        return (
            importlib.import_module(f"{package}.jobs"),
            importlib.import_module(f"{package}.tasks"),
        )


def local_jobs(root: Path) -> tuple[list[LocalJob], set[str]]:
    """``JOBS`` from ``<root>/harness/jobs.py``, and the keys ``STEPS`` in ``tasks.py`` has."""
    jobs_module, tasks_module = _project_modules(root)
    jobs = [LocalJob(str(job.key), str(job.name), str(job.workflow)) for job in jobs_module.JOBS]
    steps: Mapping[str, object] = tasks_module.STEPS
    return jobs, set(steps)


def _invocation(key: str) -> str:
    return f"uv run -m harness {key}"


def _runs_twin(job: Job, twin: LocalJob) -> str:
    """What is wrong with how ``job`` runs ``twin``'s entry point ("" if nothing is)."""
    action = ACTION_TWINS.get(twin.key)
    if action is not None and job.uses_action(action):
        return ""
    keys = job.harness_keys()
    if twin.key in keys:
        return ""
    if keys:
        runs = ", ".join(f"'{_invocation(key)}'" for key in dict.fromkeys(keys))
        return f"runs {runs} instead of its twin's '{_invocation(twin.key)}'"
    return f"has no 'run:' step that calls '{_invocation(twin.key)}'"


def compare(
    workflows: Sequence[Workflow], jobs: Sequence[LocalJob], steps: set[str], root: Path
) -> list[str]:
    """Every disagreement between the workflows and the local jobs, as a sentence."""
    problems: list[str] = []
    by_stem = {workflow.stem: workflow for workflow in workflows}
    names = [job.name for job in jobs]
    keys = [job.key for job in jobs]
    for key in sorted({key for key in keys if keys.count(key) > 1}):
        problems.append(f"{JOBS_FILE.as_posix()} lists the key '{key}' more than once")
    for name in sorted({name for name in names if names.count(name) > 1}):
        problems.append(f"{JOBS_FILE.as_posix()} lists the name '{name}' more than once")

    # Local -> GitHub.
    for local in jobs:
        if local.key not in steps:
            problems.append(
                f"local job '{local.key}' has no steps: give it steps=(...) in "
                f"{JOBS_FILE.as_posix()}, or the local CI cannot run it"
            )
        workflow = by_stem.get(local.workflow)
        expected = f"{(WORKFLOWS_DIR / local.workflow).as_posix()}.yml"
        if workflow is None:
            problems.append(
                f"local job '{local.key}' ('{local.name}') belongs to workflow "
                f"'{local.workflow}', but there is no {expected}: add the workflow, or fix "
                f"the job's workflow in {JOBS_FILE.as_posix()}"
            )
            continue
        twins = [job for job in workflow.jobs if job.check_names == (local.name,)]
        if not twins:
            elsewhere = [
                other
                for other in workflows
                if other is not workflow
                and any(local.name in job.check_names for job in other.jobs)
            ]
            hint = (
                f"it is in {relative(elsewhere[0].path, root)}: move it to "
                f"{relative(workflow.path, root)}, or set workflow={elsewhere[0].stem!r} in "
                f"{JOBS_FILE.as_posix()}"
                if elsewhere
                else f"add a job named '{local.name}' that runs '{_invocation(local.key)}', "
                "or remove the local job"
            )
            problems.append(
                f"local job '{local.key}' ('{local.name}') has no workflow job of that name "
                f"in {relative(workflow.path, root)}: {hint}"
            )
            continue
        for twin in twins:
            wrong = _runs_twin(twin, local)
            if wrong:
                problems.append(
                    f"{relative(workflow.path, root)}: job '{twin.job_id}' ('{local.name}') "
                    f"{wrong}: the local CI and GitHub would run different things"
                )

    # GitHub -> local.
    local_by_twin = {(job.workflow, job.name) for job in jobs}
    local_names = set(names)
    for workflow in workflows:
        if not workflow.runs_on_pull_requests:
            continue
        for job in workflow.jobs:
            for name in job.check_names:
                if (workflow.stem, name) in local_by_twin or name in local_names:
                    continue  # twinned, or reported from the local side as misplaced
                problems.append(
                    f"{relative(workflow.path, root)}: job '{job.job_id}' ('{name}') has no "
                    f"local twin: add Job(key=..., name={name!r}, workflow={workflow.stem!r}) "
                    f"to {JOBS_FILE.as_posix()} with its steps and run 'uv run -m harness "
                    "sync', or remove the workflow job"
                )

    for key in sorted(steps - set(keys)):
        problems.append(
            f"{TASKS_FILE.as_posix()} has steps for '{key}', which is not a job in "
            f"{JOBS_FILE.as_posix()}: remove them, or add the job"
        )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    options = parser(
        "harness.gates.parity",
        "Check that the workflow jobs and the local CI jobs are twins that run the same thing.",
    ).parse_args(argv)
    root: Path = options.root
    try:
        workflows = load_workflows(root)
    except WorkflowError as error:
        return failed(GATE, str(error))
    try:
        jobs, steps = local_jobs(root)
    except Exception as error:  # a broken jobs.py or tasks.py: say so, whatever it raised
        return failed(
            GATE,
            f"cannot read JOBS from {JOBS_FILE.as_posix()} and STEPS from "
            f"{TASKS_FILE.as_posix()}: {type(error).__name__}: {error}",
        )
    problems = compare(workflows, jobs, steps, root)
    problems += [f"{path}: {sentence}" for path, sentence in drift(root, {WORKFLOW, TABLE}).items()]
    if problems:
        for problem in problems:
            print(problem)
        return failed(GATE, f"{len(problems)} problem(s)")
    return passed(
        GATE,
        f"the {len(jobs)} local jobs and the workflow jobs are twins, "
        "each running the same entry point",
    )


if __name__ == "__main__":
    sys.exit(main())
