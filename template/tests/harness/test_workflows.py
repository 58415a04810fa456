# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Reading workflows as GitHub does: triggers, check-run names, matrices and branch filters."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import yaml

from harness.workflows import (
    WorkflowError,
    branch_matches,
    check_names,
    load_workflow,
    load_workflows,
    matrix_combinations,
    triggers_of,
)

from .conftest import Repo, expr, harness_job, workflow


def job(text: str) -> dict[str, Any]:
    loaded = yaml.safe_load(textwrap.dedent(text))
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize(
    ("source", "events"),
    [
        ("on:\n  pull_request:\n  push:\n", ["pull_request", "push"]),
        ('"on":\n  pull_request:\n', ["pull_request"]),
        ("on: pull_request\n", ["pull_request"]),
        ("on: [push, merge_group]\n", ["push", "merge_group"]),
        ("name: nothing\n", []),
    ],
)
def test_triggers_whether_yaml_reads_on_as_true_or_not(source: str, events: list[str]) -> None:
    document = yaml.safe_load(source)
    assert list(triggers_of(document)) == events


def test_unquoted_on_really_is_true_in_pyyaml() -> None:
    assert True in yaml.safe_load("on:\n  push:\n")


def test_a_job_without_a_name_reports_its_id() -> None:
    assert check_names("lint", {"runs-on": "ubuntu-24.04"}) == (("lint",), "")


def test_a_job_with_a_name_reports_the_name() -> None:
    assert check_names("lint", {"name": "Lint & Format"}) == (("Lint & Format",), "")


def test_a_matrix_name_is_filled_in_from_every_combination() -> None:
    definition = job(
        f"""
        name: Tests on {expr("matrix.python")} / {expr("matrix.os")}
        strategy:
          matrix:
            python: ["3.12", "3.13"]
            os: [ubuntu-24.04]
        """
    )
    names, unresolved = check_names("tests", definition)
    assert names == ("Tests on 3.12 / ubuntu-24.04", "Tests on 3.13 / ubuntu-24.04")
    assert unresolved == ""


def test_a_matrix_job_without_a_name_lists_its_values() -> None:
    definition = job(
        """
        strategy:
          matrix:
            os: [ubuntu-24.04, windows-2025]
            python: ["3.13"]
        """
    )
    names, _ = check_names("test", definition)
    assert names == ("test (ubuntu-24.04, 3.13)", "test (windows-2025, 3.13)")


def test_a_matrix_name_without_expressions_also_gets_the_values() -> None:
    definition = job("name: Build\nstrategy:\n  matrix:\n    arch: [amd64, arm64]\n")
    assert check_names("build", definition)[0] == ("Build (amd64)", "Build (arm64)")


def test_matrix_include_and_exclude_follow_github() -> None:
    # The example from GitHub's documentation of `include`.
    matrix = yaml.safe_load(
        textwrap.dedent(
            """
            fruit: [apple, pear]
            animal: [cat, dog]
            include:
              - color: green
              - color: pink
                animal: cat
              - fruit: apple
                shape: circle
              - fruit: banana
              - fruit: banana
                animal: cat
            """
        )
    )
    assert matrix_combinations(matrix) == [
        {"fruit": "apple", "animal": "cat", "color": "pink", "shape": "circle"},
        {"fruit": "apple", "animal": "dog", "color": "green", "shape": "circle"},
        {"fruit": "pear", "animal": "cat", "color": "pink"},
        {"fruit": "pear", "animal": "dog", "color": "green"},
        {"fruit": "banana"},
        {"fruit": "banana", "animal": "cat"},
    ]
    excluded = {"os": ["a", "b"], "py": [1, 2], "exclude": [{"os": "b", "py": 2}]}
    assert matrix_combinations(excluded) == [
        {"os": "a", "py": 1},
        {"os": "a", "py": 2},
        {"os": "b", "py": 1},
    ]


def test_an_include_only_matrix_names_each_entry() -> None:
    definition = job(
        f"""
        name: {expr("matrix.label")}
        strategy:
          matrix:
            include:
              - label: Backend
              - label: Frontend
        """
    )
    assert check_names("checks", definition)[0] == ("Backend", "Frontend")


def test_an_expression_matrix_cannot_be_expanded() -> None:
    definition = {"strategy": {"matrix": expr("fromJSON(needs.plan.outputs.matrix)")}}
    names, unresolved = check_names("dynamic", definition)
    assert names == ("dynamic",)
    assert "cannot be expanded" in unresolved


def test_a_name_from_the_event_is_unresolved() -> None:
    _, unresolved = check_names("x", {"name": f"Check {expr('github.event_name')}"})
    assert "expression" in unresolved


def test_a_local_reusable_workflow_reports_caller_slash_callee(repo: Repo) -> None:
    repo.workflow("reusable.yml", workflow(harness_job("inner", "Inner"), on="on: workflow_call\n"))
    caller = {"name": "Outer", "uses": "./.github/workflows/reusable.yml"}
    assert check_names("outer", caller, repo.root) == (("Outer / Inner",), "")
    remote = {"uses": "octo/repo/.github/workflows/x.yml@v1"}
    assert "not in this repository" in check_names("remote", remote, repo.root)[1]


def test_load_workflows_reads_yml_and_yaml_sorted(repo: Repo) -> None:
    repo.workflow("b.yaml", workflow(harness_job("b", "B")))
    repo.workflow("a.yml", workflow(harness_job("a", "A")))
    repo.write(".github/workflows/notes.txt", "not a workflow")
    workflows = load_workflows(repo.root)
    assert [w.path.name for w in workflows] == ["a.yml", "b.yaml"]
    assert workflows[0].jobs[0].check_names == ("A",)
    assert workflows[0].runs_on_pull_requests


def test_invalid_workflows_are_reported_with_their_path(repo: Repo) -> None:
    broken = repo.workflow("broken.yml", "jobs: [unclosed\n")
    with pytest.raises(WorkflowError, match=r"broken\.yml"):
        load_workflow(broken)
    no_jobs = repo.workflow("empty.yml", "on: push\n")
    with pytest.raises(WorkflowError, match="jobs"):
        load_workflow(no_jobs)


@pytest.mark.parametrize(
    ("branch", "patterns", "matches"),
    [
        ("main", ["main"], True),
        ("develop", ["main"], False),
        ("release/1.2", ["release/*"], True),
        ("release/1/2", ["release/*"], False),
        ("release/1/2", ["release/**"], True),
        ("release/beta", ["release/**", "!release/beta"], False),
        ("feature-x", ["*", "!feature-*", "feature-x"], True),
        ("v10", ["v[0-9]+"], True),
    ],
)
def test_branch_filters_use_github_globs(branch: str, patterns: list[str], matches: bool) -> None:
    assert branch_matches(branch, patterns) is matches


def test_which_base_branches_start_a_workflow(repo: Repo) -> None:
    only_main = repo.workflow(
        "main-only.yml",
        workflow(harness_job("a", "A"), on="on:\n  pull_request:\n    branches: [main]\n"),
    )
    not_main = repo.workflow(
        "not-main.yml",
        workflow(harness_job("a", "A"), on="on:\n  pull_request:\n    branches-ignore: [main]\n"),
    )
    push_only = repo.workflow("push.yml", workflow(harness_job("a", "A"), on="on: push\n"))
    assert load_workflow(only_main).runs_for_base_branch("main")
    assert not load_workflow(only_main).runs_for_base_branch("develop")
    assert load_workflow(not_main).runs_for_base_branch("develop")
    assert not load_workflow(not_main).runs_for_base_branch("main")
    assert not load_workflow(push_only).runs_for_base_branch("main")


def test_harness_keys_and_actions_are_read_from_steps(repo: Repo) -> None:
    text = workflow(
        harness_job("lint", "Lint"),
        "  multi:\n    runs-on: x\n    steps:\n"
        "      - uses: Amannn/Action-Semantic-Pull-Request@0123abcd\n"
        "      - run: |\n          uv run --frozen -m harness typecheck\n"
        "          uv run -m harness run tests\n",
    )
    lint, multi = load_workflow(repo.workflow("ci.yml", text)).jobs
    assert lint.harness_keys() == ["lint"]
    assert multi.harness_keys() == ["typecheck", "tests"]
    assert multi.uses_action("amannn/action-semantic-pull-request")
    assert not lint.uses_action("amannn/action-semantic-pull-request")
