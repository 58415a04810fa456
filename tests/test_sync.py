"""One source after render: a rendered project's CI jobs are edited in ``harness/jobs.py`` alone.

``uv run -m harness sync`` writes the generated parts (the workflow jobs, the required checks of
both branch-protection files, the README's job table) and the ``parity`` and
``protection-sync`` gates fail, saying to run it, while it would change anything. The fast tests
run the project's modules with this repository's interpreter, as ``test_governance`` does; the
full-tier test adds a job and runs the project's complete local CI.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extensions.harness import ci_jobs

from .conftest import (
    DEFAULT_PYTHON,
    REPO_ROOT,
    TOOLS_DIR,
    commit_everything,
    render,
    run,
    uv_environment,
)

SYNC_HINT = "run `uv run -m harness sync`"
CI = Path(".github") / "workflows" / "ci.yml"
PROTECTION = Path(".github") / "branch-protection"
# One edit: a job appended to JOBS in harness/jobs.py.
NEW_JOB = """\
    Job(
        key="compile",
        name="Bytecode compiles",
        workflow="ci",
        summary="every module of the package compiles",
        steps=(("python", "-m", "compileall", "-q", "src"),),
        timeout_minutes=5,
    ),
"""


def add_job(project: Path) -> None:
    path = project / "harness" / "jobs.py"
    text, count = re.subn(
        r"\n\)\n\nJOBS_BY_KEY", "\n" + NEW_JOB + ")\n\nJOBS_BY_KEY", path.read_text()
    )
    assert count == 1, "the end of JOBS was not found"
    path.write_text(text)


def harness(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "harness", *arguments], project)


def gate(project: Path, name: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", f"harness.gates.{name}"], project)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("sync") / "project")


@pytest.fixture
def project(fresh: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(fresh, tmp_path / "project"))


def test_a_fresh_render_is_what_sync_writes(fresh: Path) -> None:
    result = harness(fresh, "sync", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "sync: OK: the generated parts already match harness/jobs.py\n"


def test_one_edit_and_sync_add_a_job_everywhere(project: Path) -> None:
    add_job(project)
    before = {name: gate(project, name) for name in ("parity", "protection_sync")}
    assert all(result.returncode == 1 for result in before.values())
    assert SYNC_HINT in before["parity"].stdout
    assert SYNC_HINT in before["protection_sync"].stdout

    synced = harness(project, "sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert synced.stdout.splitlines() == [
        ".github/workflows/ci.yml: wrote the generated jobs",
        ".github/branch-protection/develop.json: wrote the required checks",
        ".github/branch-protection/main.json: wrote the required checks",
        "README.md: wrote the job table's rows",
    ]
    for name in ("parity", "protection_sync"):
        result = gate(project, name)
        assert result.returncode == 0, result.stdout
    for branch in ("main", "develop"):
        protection = json.loads((project / PROTECTION / f"{branch}.json").read_text())
        contexts = [check["context"] for check in protection["required_status_checks"]["checks"]]
        assert contexts[-1] == "Bytecode compiles"
    assert "        run: uv run -m harness compile\n" in (project / CI).read_text()
    assert (
        "| `compile` | every module of the package compiles |"
        in (project / "README.md").read_text()
    )
    listed = harness(project, "list")
    assert "compile                  Bytecode compiles" in listed.stdout


@pytest.mark.parametrize(
    ("path", "old", "new", "gate_name", "part"),
    [
        (CI, "timeout-minutes: 15", "timeout-minutes: 30", "parity", "the generated jobs"),
        (CI, "name: Type Check", "name: Types", "parity", "the generated jobs"),
        (
            PROTECTION / "develop.json",
            '"context": "Pre-commit"',
            '"context": "Precommit"',
            "protection_sync",
            "the required checks",
        ),
        (
            Path("README.md"),
            "| `lint` | ruff's lint rules and formatting |",
            "| `lint` | ruff |",
            "parity",
            "the job table's rows",
        ),
    ],
    ids=["workflow-timeout", "workflow-name", "protection", "readme-table"],
)
def test_a_hand_edit_of_a_generated_part_fails_its_gate(
    project: Path, path: Path, old: str, new: str, gate_name: str, part: str
) -> None:
    target = project / path
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    result = gate(project, gate_name)
    assert result.returncode == 1
    assert path.as_posix() in result.stdout, result.stdout
    assert f"{part} differ from harness/jobs.py (edited by hand" in result.stdout
    assert SYNC_HINT in result.stdout
    assert harness(project, "sync", "--check").returncode == 1
    assert harness(project, "sync").returncode == 0
    assert gate(project, gate_name).returncode == 0
    assert target.read_text() == text


def test_the_template_derives_jobs_in_one_place() -> None:
    """No workflow template picks jobs by key, and no task table re-derives them from options."""
    workflows = REPO_ROOT / "template" / ".github" / "workflows"
    for path in workflows.glob("*.jinja"):
        assert "job.key ==" not in path.read_text(), path.name
    harness_dir = REPO_ROOT / "template" / "harness"
    assert not (harness_dir / "tasks.py.jinja").exists()
    assert "include_" not in (harness_dir / "tasks.py").read_text()
    for job in ci_jobs(frontend=True, agent=True, container=True, database=True):
        assert job.steps, job.key
        assert job.summary, job.key


@pytest.mark.full
def test_a_job_added_with_one_edit_and_sync_passes_the_local_ci(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    env = uv_environment(DEFAULT_PYTHON)
    project = render(tmp_path_factory.mktemp("sync-full") / "project", tasks=True)
    add_job(project)
    uv = TOOLS_DIR / "uv"
    assert run([uv, "sync", "--frozen", "--quiet"], project, env).returncode == 0
    synced = run([uv, "run", "--frozen", "-m", "harness", "sync"], project, env)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    commit_everything(project, "feat: add the compile job")
    ci = run([uv, "run", "--frozen", "-m", "harness", "ci"], project, env)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    assert re.search(r"Bytecode compiles\s+passed", ci.stdout), ci.stdout
    assert "0 failed" in ci.stdout
