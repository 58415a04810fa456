# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The branch-protection gate: required contexts == checks produced, settings kept."""

from __future__ import annotations

from typing import Any

import pytest

from harness.gates import protection_sync
from harness.gates.protection_sync import pair_renames, required_contexts, setting_problems

from .conftest import GOOD_PROTECTION, Repo, expr, harness_job, workflow

CI = workflow(harness_job("lint", "Lint & Format"), harness_job("typecheck", "Type Check"))
CHECKS = ["Lint & Format", "Type Check"]


def problems(repo: Repo, branch: str = "main") -> list[str]:
    reports, general = protection_sync.check(repo.root)
    found = list(general)
    for report in reports:
        if report.path.endswith(f"/{branch}.json"):
            found += report.problems
    return found


def run(repo: Repo, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = protection_sync.main(["--root", str(repo.root)])
    return code, capsys.readouterr().out


def test_passes_when_both_sides_agree(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.workflow("ci.yml", CI)
    repo.protection("main", CHECKS)
    repo.protection("develop", CHECKS)
    code, out = run(repo, capsys)
    assert code == 0, out
    assert out.count("\n") == 1
    assert out.startswith("protection-sync: OK: develop.json (2), main.json (2)")


def test_a_required_context_no_job_produces_is_missing(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.workflow("ci.yml", CI)
    repo.protection("main", [*CHECKS, "Deploy preview"])
    code, out = run(repo, capsys)
    assert code == 1
    assert "missing: 'Deploy preview' is required" in out
    assert "wait for it forever" in out
    assert "protection-sync: FAILED: 1 problem(s) in 1 of 1 file(s)" in out


def test_a_job_that_is_not_required_is_unprotected(repo: Repo) -> None:
    repo.workflow("ci.yml", CI)
    repo.protection("main", ["Lint & Format"])
    [problem] = problems(repo)
    assert problem.startswith("unprotected: 'Type Check' (job 'typecheck' in .github/workflows/")
    assert '{"context": "Type Check"}' in problem


def test_a_renamed_job_is_reported_as_a_rename(repo: Repo) -> None:
    repo.workflow(
        "ci.yml",
        workflow(harness_job("lint", "Lint & Format"), harness_job("typecheck", "Type Checks")),
    )
    repo.protection("main", CHECKS)
    [problem] = problems(repo)
    assert problem.startswith("renamed: 'Type Check' -> 'Type Checks'")
    assert "job 'typecheck' in .github/workflows/ci.yml" in problem


def test_renames_pair_the_most_similar_names_first() -> None:
    missing = ["Unit tests", "Lint & Format", "Totally gone"]
    extra = ["Lint and Format", "Unit tests + coverage", "Brand new"]
    assert pair_renames(missing, extra) == [
        ("Lint & Format", "Lint and Format"),
        ("Unit tests", "Unit tests + coverage"),
    ]
    assert missing == ["Totally gone"]
    assert extra == ["Brand new"]


def test_only_pull_request_workflows_produce_checks(repo: Repo) -> None:
    repo.workflow("ci.yml", CI)
    repo.workflow("nightly.yml", workflow(harness_job("fuzz", "Fuzz"), on="on:\n  schedule: []\n"))
    repo.workflow("queue.yml", workflow(harness_job("queue", "Queue"), on="on:\n  merge_group:\n"))
    repo.protection("main", [*CHECKS, "Queue"])
    assert problems(repo) == []
    repo.protection("main", [*CHECKS, "Queue", "Fuzz"])
    assert any(p.startswith("missing: 'Fuzz'") for p in problems(repo))


def test_branch_filters_decide_per_protected_branch(repo: Repo) -> None:
    repo.workflow("ci.yml", CI)
    repo.workflow(
        "release.yml",
        workflow(harness_job("smoke", "Smoke"), on="on:\n  pull_request:\n    branches: [main]\n"),
    )
    repo.protection("main", [*CHECKS, "Smoke"])
    repo.protection("develop", [*CHECKS, "Smoke"])
    assert problems(repo, "main") == []
    assert any(p.startswith("missing: 'Smoke'") for p in problems(repo, "develop"))


def test_a_path_filtered_required_workflow_is_reported(repo: Repo) -> None:
    repo.workflow(
        "ci.yml", CI.replace("  pull_request:\n", "  pull_request:\n    paths: ['src/**']\n")
    )
    repo.protection("main", CHECKS)
    found = problems(repo)
    assert len(found) == 2
    assert all(p.startswith("path-filtered: ") for p in found)


def test_a_check_reported_by_two_jobs_is_ambiguous(repo: Repo) -> None:
    repo.workflow("ci.yml", CI)
    repo.workflow("other.yml", workflow(harness_job("lint2", "Lint & Format", "lint")))
    repo.protection("main", CHECKS)
    [problem] = problems(repo)
    assert problem.startswith("ambiguous: 'Lint & Format' is reported by")


def test_matrix_and_unnamed_jobs_count_with_their_real_check_names(repo: Repo) -> None:
    matrix_job = (
        "  tests:\n    name: Tests "
        + expr("matrix.python")
        + "\n    strategy:\n      matrix:\n        python: ['3.12', '3.13']\n"
        "    runs-on: x\n    steps: []\n"
        "  build:\n    strategy:\n      matrix:\n        arch: [amd64]\n"
        "    runs-on: x\n    steps: []\n"
        "  docs:\n    runs-on: x\n    steps: []\n"
    )
    repo.workflow("ci.yml", workflow(matrix_job))
    repo.protection("main", ["Tests 3.12", "Tests 3.13", "build (amd64)", "docs"])
    assert problems(repo) == []


def test_a_name_known_only_at_run_time_is_reported(repo: Repo) -> None:
    text = f"  x:\n    name: Check {expr('github.head_ref')}\n    runs-on: x\n    steps: []\n"
    repo.workflow("ci.yml", workflow(text))
    repo.protection("main", [])
    assert any("cannot be known before it runs" in p for p in problems(repo))


def test_the_deprecated_contexts_list_counts_too() -> None:
    protection = {"required_status_checks": {"contexts": ["A"], "checks": [{"context": "B"}]}}
    assert required_contexts(protection) == ["B", "A"]
    assert required_contexts({"required_status_checks": None}) == []


def test_duplicate_contexts_are_reported(repo: Repo) -> None:
    repo.workflow("ci.yml", CI)
    repo.protection("main", [*CHECKS, "Type Check"])
    assert problems(repo) == ["duplicate: 'Type Check' is listed more than once"]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("allow_force_pushes", True, "allow_force_pushes must be false"),
        ("allow_deletions", True, "allow_deletions must be false"),
        ("enforce_admins", False, "enforce_admins must be true"),
        ("required_linear_history", False, "required_linear_history must be true"),
        ("required_conversation_resolution", None, "required_conversation_resolution must be"),
        ("required_pull_request_reviews", None, "required_pull_request_reviews must be set"),
        ("required_status_checks", None, "required_status_checks must be set"),
    ],
)
def test_each_protection_setting_is_checked(key: str, value: Any, message: str) -> None:
    protection = {**GOOD_PROTECTION, key: value}
    assert any(p.startswith(message) for p in setting_problems(protection, "main"))
    assert setting_problems(GOOD_PROTECTION, "main") == []


@pytest.mark.parametrize(
    ("reviews", "message"),
    [
        ({"require_code_owner_reviews": False}, "require_code_owner_reviews must be true"),
        ({"required_approving_review_count": 0}, "required_approving_review_count must be at"),
        ({"required_approving_review_count": True}, "required_approving_review_count must be"),
        ({"dismiss_stale_reviews": False}, "dismiss_stale_reviews must be true"),
    ],
)
def test_review_settings_are_checked(reviews: dict[str, Any], message: str) -> None:
    base = GOOD_PROTECTION["required_pull_request_reviews"]
    protection = {**GOOD_PROTECTION, "required_pull_request_reviews": {**base, **reviews}}
    [problem] = setting_problems(protection, "main")
    assert message in problem


def test_strict_is_required_on_main_only() -> None:
    loose = {**GOOD_PROTECTION, "required_status_checks": {"strict": False, "checks": []}}
    assert setting_problems(loose, "develop") == []
    [problem] = setting_problems(loose, "main")
    assert problem.startswith("required_status_checks.strict must be true for main")


def test_the_get_response_shape_is_understood() -> None:
    wrapped = {
        **GOOD_PROTECTION,
        "enforce_admins": {"url": "https://api.github.com/x", "enabled": True},
        "allow_force_pushes": {"enabled": False},
        "allow_deletions": {"enabled": True},
    }
    assert setting_problems(wrapped, "main") == [
        "allow_deletions must be false (the branch must not be deletable)"
    ]


def test_unreadable_inputs_fail_clearly(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.workflow("ci.yml", CI)
    code, out = run(repo, capsys)
    assert code == 1
    assert "no branch-protection files in .github/branch-protection/" in out
    repo.write(".github/branch-protection/main.json", "{not json")
    code, out = run(repo, capsys)
    assert code == 1
    assert "not valid JSON" in out
    repo.workflow("ci.yml", "jobs: [")
    code, out = run(repo, capsys)
    assert code == 1
    assert "not valid YAML" in out
