# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""``uv run -m harness sync``: the generated parts of the CI follow ``harness/jobs.py``."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from harness import generate, sync
from harness.jobs import ACTIONS, JOBS

PROJECT = Path(__file__).resolve().parents[2]
CI = Path(".github") / "workflows" / "ci.yml"
MAIN = Path(".github") / "branch-protection" / "main.json"
CHECKOUT_PIN = "actions/checkout@" + "f" * 40 + " # v99.0.0"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this project's CI files and job list, to change."""
    for part in (".github", "harness"):
        shutil.copytree(
            PROJECT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(PROJECT / "README.md", tmp_path / "README.md")
    return tmp_path


def test_this_project_is_in_sync() -> None:
    assert sync.plan(PROJECT, JOBS, ACTIONS).changes == []


def test_a_new_job_reaches_every_generated_part(project: Path) -> None:
    docs = replace(JOBS[0], key="docs", name="Docs", summary="the docs build", github_steps="")
    result = sync.plan(project, [*JOBS, docs], ACTIONS)
    changed = {change.path.as_posix(): change.text for change in result.changes}
    assert set(changed) == {
        CI.as_posix(),
        ".github/branch-protection/develop.json",
        MAIN.as_posix(),
        "README.md",
    }
    assert "  docs:\n    name: Docs\n" in changed[CI.as_posix()]
    assert "        run: uv run -m harness docs\n" in changed[CI.as_posix()]
    assert {"context": "Docs"} in json.loads(changed[MAIN.as_posix()])["required_status_checks"][
        "checks"
    ]
    assert "| `docs` | the docs build |" in changed["README.md"]


def test_a_hand_edit_of_a_generated_job_is_reported(project: Path) -> None:
    path = project / CI
    path.write_text(path.read_text().replace("timeout-minutes: 15", "timeout-minutes: 30", 1))
    ((where, message),) = sync.drift(project, {sync.WORKFLOW}).items()
    assert where == ".github/workflows/ci.yml"
    assert message.startswith("the generated jobs differ from harness/jobs.py")
    assert message.endswith("run `uv run -m harness sync`")
    assert sync.main(["--root", str(project)]) == 0
    assert sync.drift(project, {sync.WORKFLOW}) == {}


def test_hand_written_jobs_after_the_marker_stay(project: Path) -> None:
    path = project / CI
    own = "  deploy:\n    name: Deploy\n    runs-on: ubuntu-24.04\n    steps: []\n"
    path.write_text(path.read_text() + own)
    fewer = [job for job in JOBS if job.key != "lint"]
    (change,) = [c for c in sync.plan(project, fewer, ACTIONS).changes if c.path == CI]
    assert change.text.endswith(generate.END_JOBS + "\n" + own)
    assert "  lint:" not in change.text


def test_a_newer_pin_in_the_workflows_survives(project: Path) -> None:
    """Dependabot bumps the workflows, not jobs.py; sync must not undo the bump."""
    path = project / CI
    bumped = "\n".join(
        f"      - uses: {CHECKOUT_PIN}" if "uses: actions/checkout@" in line else line
        for line in path.read_text().splitlines()
    )
    path.write_text(bumped + "\n")
    assert [c.path for c in sync.plan(project, JOBS, ACTIONS).changes] == []
    assert generate.pins(ACTIONS, [bumped])["actions/checkout"] == CHECKOUT_PIN


def test_only_the_required_checks_of_a_protection_file_are_written(project: Path) -> None:
    path = project / MAIN
    protection = json.loads(path.read_text())
    protection["required_pull_request_reviews"]["required_approving_review_count"] = 2
    protection["required_status_checks"]["checks"].pop()
    path.write_text(json.dumps(protection))
    assert sync.main(["--root", str(project), "--check"]) == 1
    assert sync.main(["--root", str(project)]) == 0
    written = json.loads(path.read_text())
    assert written["required_pull_request_reviews"]["required_approving_review_count"] == 2
    assert [c["context"] for c in written["required_status_checks"]["checks"]] == [
        job.name for job in JOBS
    ]
    assert generate.required_checks(path.read_text(), JOBS) is None


def test_a_job_without_a_workflow_to_hold_it_is_reported(project: Path) -> None:
    nightly = replace(JOBS[0], key="nightly", name="Nightly", workflow="nightly")
    result = sync.plan(project, [*JOBS, nightly], ACTIONS)
    (problem,) = sync.unplaced([*JOBS, nightly], result)
    assert "job 'nightly' belongs to .github/workflows/nightly.yml" in problem
    assert "set handwritten=True" in problem
