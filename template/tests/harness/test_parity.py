# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The parity gate: workflow jobs and local jobs are twins that run the same entry point."""

from __future__ import annotations

import sys

import pytest

from harness.gates import parity
from harness.workflows import load_workflows

from .conftest import Repo, harness_job, workflow

LOCAL = [("lint", "Lint & Format", "ci"), ("tests", "Unit tests", "ci")]
CI = workflow(harness_job("lint", "Lint & Format"), harness_job("tests", "Unit tests"))
PR_TITLE = workflow(
    "  pr-title:\n    name: Lint PR title\n    runs-on: x\n    steps:\n"
    "      - uses: amannn/action-semantic-pull-request@48f256284bd46cdaab1048c3721360e808335d50\n",
    on="on:\n  pull_request:\n    types: [opened, edited]\n",
)


def run(repo: Repo, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = parity.main(["--root", str(repo.root)])
    return code, capsys.readouterr().out


def test_passes_when_every_job_has_a_twin(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.local_jobs([*LOCAL, ("pr-title", "Lint PR title", "pr-title")])
    repo.workflow("ci.yml", CI)
    repo.workflow("pr-title.yml", PR_TITLE)
    code, out = run(repo, capsys)
    assert code == 0, out
    assert out == (
        "parity: OK: the 3 local jobs and the workflow jobs are twins, "
        "each running the same entry point\n"
    )


def test_a_workflow_job_without_a_local_twin_fails(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.local_jobs(LOCAL)
    repo.workflow("ci.yml", CI + harness_job("deploy", "Deploy preview"))
    code, out = run(repo, capsys)
    assert code == 1
    assert (
        ".github/workflows/ci.yml: job 'deploy' ('Deploy preview') has no local twin: "
        "add Job(key=..., name='Deploy preview', workflow='ci') to harness/jobs.py"
    ) in out
    assert "parity: FAILED: 1 problem(s)" in out


def test_a_local_job_without_a_workflow_job_fails(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.local_jobs([*LOCAL, ("docs", "Docs", "ci")])
    repo.workflow("ci.yml", CI)
    code, out = run(repo, capsys)
    assert code == 1
    assert (
        "local job 'docs' ('Docs') has no workflow job of that name in "
        ".github/workflows/ci.yml: add a job named 'Docs' that runs 'uv run -m harness docs'"
    ) in out


def test_a_local_job_whose_workflow_does_not_exist_fails(repo: Repo) -> None:
    repo.local_jobs([*LOCAL, ("scan", "Scan", "security")])
    repo.workflow("ci.yml", CI)
    [problem] = parity.compare(load_workflows(repo.root), *parity.local_jobs(repo.root), repo.root)
    assert (
        "belongs to workflow 'security', but there is no .github/workflows/security.yml" in problem
    )


def test_a_job_in_the_wrong_workflow_is_reported_once(repo: Repo) -> None:
    repo.local_jobs([("lint", "Lint & Format", "ci"), ("tests", "Unit tests", "security")])
    repo.workflow("ci.yml", CI)
    repo.workflow("security.yml", workflow(harness_job("scan", "Scan", "scan")))
    jobs, steps = parity.local_jobs(repo.root)
    problems = parity.compare(load_workflows(repo.root), jobs, steps, repo.root)
    assert sum("'Unit tests'" in problem for problem in problems) == 1
    assert any("it is in .github/workflows/ci.yml: move it to" in p for p in problems)


def test_a_twin_that_runs_another_entry_point_fails(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.local_jobs(LOCAL)
    repo.workflow(
        "ci.yml",
        workflow(harness_job("lint", "Lint & Format", "tests"), harness_job("tests", "Unit tests")),
    )
    code, out = run(repo, capsys)
    assert code == 1
    assert (
        "job 'lint' ('Lint & Format') runs 'uv run -m harness tests' instead of its twin's "
        "'uv run -m harness lint'"
    ) in out


def test_a_twin_that_runs_nothing_fails(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.local_jobs(LOCAL)
    text = CI.replace("run: uv run -m harness tests", "run: pytest")
    repo.workflow("ci.yml", text)
    code, out = run(repo, capsys)
    assert code == 1
    assert "has no 'run:' step that calls 'uv run -m harness tests'" in out


def test_only_pr_title_may_use_the_action(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.local_jobs([*LOCAL, ("title", "Lint PR title", "pr-title")])
    repo.workflow("ci.yml", CI)
    repo.workflow("pr-title.yml", PR_TITLE)
    code, out = run(repo, capsys)
    assert code == 1
    assert "has no 'run:' step that calls 'uv run -m harness title'" in out


def test_steps_and_jobs_must_match(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.local_jobs(LOCAL, steps=["lint", "stale"])
    repo.workflow("ci.yml", CI)
    code, out = run(repo, capsys)
    assert code == 1
    assert "local job 'tests' has no steps: give it steps=(...) in harness/jobs.py" in out
    assert "harness/tasks.py has steps for 'stale', which is not a job in harness/jobs.py" in out


def test_duplicate_local_jobs_are_reported(repo: Repo) -> None:
    repo.local_jobs([*LOCAL, ("lint", "Lint again", "ci"), ("other", "Unit tests", "ci")])
    repo.workflow("ci.yml", CI)
    jobs, steps = parity.local_jobs(repo.root)
    problems = parity.compare(load_workflows(repo.root), jobs, steps, repo.root)
    assert "harness/jobs.py lists the key 'lint' more than once" in problems
    assert "harness/jobs.py lists the name 'Unit tests' more than once" in problems


def test_workflows_that_do_not_run_on_pull_requests_need_no_twin(repo: Repo) -> None:
    repo.local_jobs(LOCAL)
    repo.workflow("ci.yml", CI)
    repo.workflow("release.yml", workflow(harness_job("publish", "Publish"), on="on: push\n"))
    jobs, steps = parity.local_jobs(repo.root)
    assert parity.compare(load_workflows(repo.root), jobs, steps, repo.root) == []


def test_a_broken_jobs_file_fails_clearly(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.workflow("ci.yml", CI)
    repo.write("harness/jobs.py", "JOBS = (\n")
    repo.write("harness/tasks.py", "STEPS = {}\n")
    code, out = run(repo, capsys)
    assert code == 1
    assert out.startswith("parity: FAILED: cannot read JOBS from harness/jobs.py")
    assert not any(name.startswith("_harness_project") for name in sys.modules)


def test_local_modules_with_relative_imports_load(repo: Repo) -> None:
    repo.local_jobs(LOCAL)
    repo.write("harness/tasks.py", "from .jobs import JOBS\n\nSTEPS = {j.key: () for j in JOBS}\n")
    jobs, steps = parity.local_jobs(repo.root)
    assert [job.key for job in jobs] == ["lint", "tests"]
    assert steps == {"lint", "tests"}
