# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Branch-protection contexts sync: required checks == the checks pull requests produce.

Every ``.github/branch-protection/<branch>.json`` (the body of GitHub's ``PUT
/repos/{owner}/{repo}/branches/{branch}/protection``) names the status checks a merge into
``<branch>`` waits for. A required check that no job produces blocks every merge forever; a job
that is not required can fail and be merged anyway. This gate computes the check names of every
job of the workflows that run on pull requests into the branch, compares both sides, pairs a
missing and an unrequired name that look alike as a rename, and checks the protection settings.
It also fails while ``uv run -m harness sync`` would change the files' required checks.

Run: ``python -m harness.gates.protection_sync [--root DIR]``.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.gates import failed, parser, passed, relative
from harness.sync import PROTECTION, drift
from harness.workflows import Workflow, WorkflowError, load_workflows

PROTECTION_DIR = Path(".github") / "branch-protection"
GATE = "protection-sync"
# Two names at least this similar are reported as one rename rather than a missing + an extra.
RENAME_SIMILARITY = 0.6


@dataclass
class FileReport:
    """What is wrong with one branch-protection file."""

    path: str
    problems: list[str] = field(default_factory=list)
    required: int = 0


@dataclass(frozen=True)
class Producer:
    """A job that reports a check: where it is, for the messages."""

    workflow: str
    job_id: str
    path_filtered: bool


def required_contexts(protection: Mapping[str, Any]) -> list[str]:
    """The required contexts: ``checks[].context`` plus the deprecated ``contexts`` list."""
    checks = protection.get("required_status_checks")
    if not isinstance(checks, Mapping):
        return []
    contexts = [
        str(check["context"])
        for check in checks.get("checks") or []
        if isinstance(check, Mapping) and "context" in check
    ]
    contexts += [str(context) for context in checks.get("contexts") or []]
    return contexts


def produced_checks(
    workflows: Sequence[Workflow], branch: str, root: Path
) -> dict[str, list[Producer]]:
    """Every check name produced by a pull request into ``branch``, with the jobs producing it."""
    produced: dict[str, list[Producer]] = {}
    for workflow in workflows:
        if not workflow.runs_for_base_branch(branch):
            continue
        filtered = bool(workflow.path_filtered_events())
        for job in workflow.jobs:
            for name in job.check_names:
                producer = Producer(relative(workflow.path, root), job.job_id, filtered)
                produced.setdefault(name, []).append(producer)
    return produced


def pair_renames(missing: list[str], extra: list[str]) -> list[tuple[str, str]]:
    """Pair required-but-missing names with produced-but-unrequired ones that look alike.

    The most similar pairs are taken first; each name is used at most once. The paired names are
    removed from ``missing`` and ``extra``.
    """
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, old.lower(), new.lower()).ratio(), old, new)
            for old in missing
            for new in extra
        ),
        key=lambda item: -item[0],
    )
    pairs: list[tuple[str, str]] = []
    for ratio, old, new in scored:
        if ratio >= RENAME_SIMILARITY and old in missing and new in extra:
            pairs.append((old, new))
            missing.remove(old)
            extra.remove(new)
    return pairs


def _enabled(value: object) -> bool | None:
    """A boolean setting in the PUT shape (``true``) or the GET shape (``{"enabled": true}``)."""
    if isinstance(value, Mapping):
        value = value.get("enabled")
    return value if isinstance(value, bool) else None


def setting_problems(protection: Mapping[str, Any], branch: str) -> list[str]:
    """The protection settings every protected branch keeps, with the reason for each."""
    problems: list[str] = []
    expected: list[tuple[str, bool, str]] = [
        ("allow_force_pushes", False, "a force push rewrites reviewed history"),
        ("allow_deletions", False, "the branch must not be deletable"),
        ("enforce_admins", True, "admins must not bypass the required checks"),
        ("required_linear_history", True, "merges must be squashes or rebases"),
        ("required_conversation_resolution", True, "review threads must be resolved first"),
    ]
    for key, wanted, reason in expected:
        if _enabled(protection.get(key)) is not wanted:
            problems.append(f"{key} must be {str(wanted).lower()} ({reason})")
    reviews = protection.get("required_pull_request_reviews")
    if not isinstance(reviews, Mapping):
        problems.append(
            "required_pull_request_reviews must be set (changes need a code owner's review)"
        )
    else:
        if reviews.get("require_code_owner_reviews") is not True:
            problems.append(
                "required_pull_request_reviews.require_code_owner_reviews must be true "
                "(CODEOWNERS guards the guardrails)"
            )
        count = reviews.get("required_approving_review_count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            problems.append(
                "required_pull_request_reviews.required_approving_review_count must be at "
                f"least 1, not {count!r}"
            )
        if reviews.get("dismiss_stale_reviews") is not True:
            problems.append(
                "required_pull_request_reviews.dismiss_stale_reviews must be true "
                "(a new push needs a new approval)"
            )
    checks = protection.get("required_status_checks")
    if not isinstance(checks, Mapping):
        problems.append("required_status_checks must be set (nothing would have to pass)")
    elif branch == "main" and checks.get("strict") is not True:
        problems.append(
            "required_status_checks.strict must be true for main "
            "(a branch must be up to date with main before it merges)"
        )
    return problems


def check_file(path: Path, workflows: Sequence[Workflow], root: Path) -> FileReport:
    """Compare one branch-protection file with the workflows."""
    name = relative(path, root)
    report = FileReport(name)
    branch = path.stem
    try:
        protection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        report.problems.append(f"not valid JSON: {error}")
        return report
    if not isinstance(protection, Mapping):
        report.problems.append("must be a JSON object (the body of the protection PUT request)")
        return report

    required = required_contexts(protection)
    report.required = len(set(required))
    produced = produced_checks(workflows, branch, root)
    for context in sorted({c for c in required if required.count(c) > 1}):
        report.problems.append(f"duplicate: '{context}' is listed more than once")
    missing = [context for context in dict.fromkeys(required) if context not in produced]
    extra = [check for check in produced if check not in required]
    for old, new in pair_renames(missing, extra):
        where = produced[new][0]
        report.problems.append(
            f"renamed: '{old}' -> '{new}' (job '{where.job_id}' in {where.workflow} now "
            f"reports '{new}'): put the new name in {path.name}, or rename the job back"
        )
    for context in missing:
        report.problems.append(
            f"missing: '{context}' is required, but no job of a workflow that runs on pull "
            f"requests into {branch} reports it, so every merge would wait for it forever: "
            f"remove it from {path.name}, or add the job"
        )
    for check in extra:
        where = produced[check][0]
        entry = json.dumps({"context": check})
        report.problems.append(
            f"unprotected: '{check}' (job '{where.job_id}' in {where.workflow}) runs on pull "
            f"requests into {branch} but is not required, so it can fail and the merge still "
            f"goes through: add {entry} to {path.name}"
        )
    for check, producers in produced.items():
        if check not in required:
            continue
        if len(producers) > 1:
            jobs = ", ".join(f"{p.workflow} job '{p.job_id}'" for p in producers)
            report.problems.append(
                f"ambiguous: '{check}' is reported by {jobs}; any one of them satisfies the "
                "requirement, so give each job its own name"
            )
        for producer in producers:
            if producer.path_filtered:
                report.problems.append(
                    f"path-filtered: '{check}' is required, but {producer.workflow} runs only "
                    "when certain paths change, so a pull request that touches none of them "
                    "waits for it forever: remove the paths filter from its pull-request trigger"
                )
    report.problems += setting_problems(protection, branch)
    return report


def check(root: Path) -> tuple[list[FileReport], list[str]]:
    """Every file's report, and problems that concern no single file."""
    general: list[str] = []
    try:
        workflows = load_workflows(root)
    except WorkflowError as error:
        return [], [str(error)]
    for workflow in workflows:
        if not workflow.runs_on_pull_requests:
            continue
        for job in workflow.jobs:
            if job.unresolved:
                general.append(
                    f"{relative(workflow.path, root)}: the check name of job '{job.job_id}' "
                    f"cannot be known before it runs ({job.unresolved}): give it a fixed name"
                )
    paths = sorted((root / PROTECTION_DIR).glob("*.json"))
    if not paths:
        general.append(
            f"no branch-protection files in {PROTECTION_DIR.as_posix()}/: add <branch>.json "
            "with the body of GitHub's branch-protection PUT request"
        )
    reports = [check_file(path, workflows, root) for path in paths]
    # The required checks are written by `uv run -m harness sync` from harness/jobs.py.
    drifted = drift(root, {PROTECTION})
    for report in reports:
        if report.path in drifted:
            report.problems.append(drifted[report.path])
    return reports, general


def main(argv: Sequence[str] | None = None) -> int:
    options = parser(
        "harness.gates.protection_sync",
        "Check that branch protection requires exactly the checks pull requests produce.",
    ).parse_args(argv)
    root: Path = options.root
    reports, general = check(root)
    failing = [report for report in reports if report.problems]
    for problem in general:
        print(problem)
    for report in failing:
        print(f"{report.path}:")
        for problem in report.problems:
            print(f"  {problem}")
    count = len(general) + sum(len(report.problems) for report in reports)
    if count:
        return failed(GATE, f"{count} problem(s) in {len(failing)} of {len(reports)} file(s)")
    files = ", ".join(f"{Path(report.path).name} ({report.required})" for report in reports)
    return passed(
        GATE,
        f"{files} require exactly the checks their pull requests produce, "
        "with the protection settings in place",
    )


if __name__ == "__main__":
    sys.exit(main())
