"""Fast tier: the rendered project's meta-gates pass on a fresh render and fire on planted drift.

Each gate runs as the project's CI runs it, ``python -m harness.gates.<gate>`` from the project
root, with this repository's interpreter (it has the gates' dependencies: pyyaml, commitizen).
A drift test copies a fresh render, plants one kind of drift, and checks that the gate exits 1
with a message that says what to fix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from extensions.harness import CiJob, ci_jobs

from .conftest import render, run
from .variants import Variant

GATES = ["protection_sync", "commit_types", "audit_exceptions", "parity"]
VARIANTS = [
    Variant(),
    Variant({"include_frontend": True, "include_container": True, "llm_provider": "anthropic"}),
    Variant({"include_agent": False, "python_version": "3.11"}),
]
DEFAULT = VARIANTS[0]
WORKFLOWS = Path(".github") / "workflows"
PROTECTION = Path(".github") / "branch-protection"
IGNORE_FILE = Path(".github") / "security" / "pip-audit-ignore.txt"


def gate(project: Path, name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", f"harness.gates.{name}", *arguments], project)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def jobs_of(variant: Variant) -> list[CiJob]:
    answers = variant.answers
    return ci_jobs(
        frontend=bool(answers.get("include_frontend", False)),
        agent=bool(answers.get("include_agent", True)),
        container=bool(answers.get("include_container", False)),
    )


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One fresh render per variant, shared by the module's tests (which never modify it)."""
    return {
        variant.id: render(tmp_path_factory.mktemp("governance") / "project", variant.answers)
        for variant in VARIANTS
    }


@pytest.fixture
def project(renders: dict[str, Path], tmp_path: Path) -> Path:
    """A private copy of the default render, for planting drift."""
    return Path(shutil.copytree(renders[DEFAULT.id], tmp_path / "project"))


def load_workflow(path: Path) -> dict[Any, Any]:
    loaded = yaml.safe_load(path.read_text())
    assert isinstance(loaded, dict)
    return loaded


def save_workflow(path: Path, document: dict[Any, Any]) -> None:
    # PyYAML reads an unquoted `on` as True; write it back as the key GitHub expects.
    if True in document:
        document = {("on" if key is True else key): value for key, value in document.items()}
    path.write_text(yaml.safe_dump(document, sort_keys=False))


def rename_job(project: Path, workflow: str, old: str, new: str) -> None:
    """Rename a workflow job's ``name:`` (the check context), leaving its steps alone."""
    path = project / WORKFLOWS / f"{workflow}.yml"
    text, count = re.subn(
        rf"^(    name: ){re.escape(old)}$", rf"\g<1>{new}", path.read_text(), flags=re.MULTILINE
    )
    assert count == 1, f"no job named {old!r} in {path}"
    path.write_text(text)


# ---------------------------------------------------------------------------------------------
# A fresh render passes every gate


@pytest.mark.parametrize("name", GATES)
@pytest.mark.parametrize("variant", VARIANTS, ids=[variant.id for variant in VARIANTS])
def test_every_gate_passes_on_a_fresh_render(
    renders: dict[str, Path], variant: Variant, name: str
) -> None:
    result = gate(renders[variant.id], name)
    assert result.returncode == 0, output(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, output(result)
    assert ": OK: " in lines[0]


@pytest.mark.parametrize("variant", VARIANTS, ids=[variant.id for variant in VARIANTS])
def test_the_rendered_files_carry_the_one_job_list(
    renders: dict[str, Path], variant: Variant
) -> None:
    project = renders[variant.id]
    jobs = jobs_of(variant)
    for path in sorted((project / PROTECTION).glob("*.json")):
        contexts = [
            check["context"]
            for check in json.loads(path.read_text())["required_status_checks"]["checks"]
        ]
        assert contexts == [job.name for job in jobs], path.name
    for job in jobs:
        workflow = load_workflow(project / WORKFLOWS / f"{job.workflow}.yml")
        names = [definition.get("name") for definition in workflow["jobs"].values()]
        assert job.name in names, (job.workflow, job.name)


def test_the_exceptions_file_ships_empty(renders: dict[str, Path]) -> None:
    text = (renders[DEFAULT.id] / IGNORE_FILE).read_text()
    entries = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert entries == []
    assert "<ID> <sunset YYYY-MM-DD> <reason>" in text


# ---------------------------------------------------------------------------------------------
# Branch-protection contexts sync


def test_protection_sync_catches_a_renamed_job(project: Path) -> None:
    job = next(job for job in jobs_of(DEFAULT) if job.workflow == "ci" and job.key != "lint")
    rename_job(project, "ci", job.name, f"{job.name} v2")
    result = gate(project, "protection_sync")
    assert result.returncode == 1
    assert f"renamed: '{job.name}' -> '{job.name} v2'" in result.stdout
    assert "put the new name in main.json, or rename the job back" in result.stdout
    assert "put the new name in develop.json" in result.stdout


def test_protection_sync_catches_a_context_no_job_produces(project: Path) -> None:
    path = project / PROTECTION / "main.json"
    protection = json.loads(path.read_text())
    protection["required_status_checks"]["checks"].append({"context": "Deploy preview"})
    path.write_text(json.dumps(protection, indent=2))
    result = gate(project, "protection_sync")
    assert result.returncode == 1
    assert "missing: 'Deploy preview' is required" in result.stdout
    assert "remove it from main.json, or add the job" in result.stdout
    assert "develop.json" not in result.stdout


def test_protection_sync_catches_a_weakened_setting(project: Path) -> None:
    path = project / PROTECTION / "develop.json"
    protection = json.loads(path.read_text())
    protection["allow_force_pushes"] = True
    protection["required_pull_request_reviews"]["require_code_owner_reviews"] = False
    path.write_text(json.dumps(protection, indent=2))
    result = gate(project, "protection_sync")
    assert result.returncode == 1
    assert "allow_force_pushes must be false" in result.stdout
    assert "require_code_owner_reviews must be true" in result.stdout


# ---------------------------------------------------------------------------------------------
# Commit-type sync


def test_commit_types_catches_a_type_missing_from_the_pr_title_check(project: Path) -> None:
    path = project / WORKFLOWS / "pr-title.yml"
    text, count = re.subn(r"^ +bump\n", "", path.read_text(), flags=re.MULTILINE)
    assert count == 1
    path.write_text(text)
    result = gate(project, "commit_types")
    assert result.returncode == 1
    assert "is missing bump: cz check accepts it" in result.stdout
    assert "add them to its 'types:'" in result.stdout


def test_commit_types_catches_a_type_commitizen_refuses(project: Path) -> None:
    path = project / WORKFLOWS / "pr-title.yml"
    text, count = re.subn(r"^( +)feat\n", r"\g<0>\g<1>wip\n", path.read_text(), flags=re.M)
    assert count == 1
    path.write_text(text)
    result = gate(project, "commit_types")
    assert result.returncode == 1
    assert "allows wip, which cz check refuses" in result.stdout


# ---------------------------------------------------------------------------------------------
# pip-audit exceptions


def test_audit_exceptions_catches_an_expired_exception(project: Path) -> None:
    with (project / IGNORE_FILE).open("a") as ignore_file:
        ignore_file.write("PYSEC-2024-48 2025-01-31 waiting for a fix\n")
    result = gate(project, "audit_exceptions")
    assert result.returncode == 1
    line = len((project / IGNORE_FILE).read_text().splitlines())
    assert (
        f"{IGNORE_FILE.as_posix()}:{line}: the exception for PYSEC-2024-48 expired on 2025-01-31"
    ) in result.stdout
    assert "remove the line, or renew it" in result.stdout


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("PYSEC-2024-48 2999-01-31", "the reason is missing"),
        ("PYSEC-2024-48 next-year because", "is not a date in YYYY-MM-DD form"),
        ("RUSTSEC-2024-1 2999-01-31 wrong ecosystem", "is not a PYSEC-YYYY-N, GHSA-xxxx"),
    ],
)
def test_audit_exceptions_catches_a_malformed_line(project: Path, line: str, message: str) -> None:
    with (project / IGNORE_FILE).open("a") as ignore_file:
        ignore_file.write(f"{line}\n")
    result = gate(project, "audit_exceptions")
    assert result.returncode == 1
    assert message in result.stdout
    assert "the format is '<ID> <sunset YYYY-MM-DD> <reason>'" in result.stdout
    flags = gate(project, "audit_exceptions", "--print-flags")
    assert flags.returncode == 1
    assert flags.stdout == ""


def test_audit_exceptions_prints_pip_audit_flags(project: Path) -> None:
    with (project / IGNORE_FILE).open("a") as ignore_file:
        ignore_file.write("GHSA-h4gh-qq45-vh27 2999-01-31 not reachable from our code\n")
    result = gate(project, "audit_exceptions", "--print-flags")
    assert result.returncode == 0, output(result)
    assert result.stdout == "--ignore-vuln GHSA-h4gh-qq45-vh27\n"


# ---------------------------------------------------------------------------------------------
# Local/CI parity


def test_parity_catches_a_workflow_job_with_no_local_twin(project: Path) -> None:
    path = project / WORKFLOWS / "ci.yml"
    workflow = load_workflow(path)
    lint = workflow["jobs"]["lint"]
    workflow["jobs"]["docs"] = {**lint, "name": "Docs"}
    save_workflow(path, workflow)
    result = gate(project, "parity")
    assert result.returncode == 1
    assert ".github/workflows/ci.yml: job 'docs' ('Docs') has no local twin" in result.stdout
    assert "add Job(key=..., name='Docs', workflow='ci') to harness/jobs.py" in result.stdout


def test_parity_catches_a_local_job_with_no_workflow_job(project: Path) -> None:
    with (project / "harness" / "jobs.py").open("a") as jobs:
        jobs.write('\nJOBS = (*JOBS, Job(key="docs", name="Docs", workflow="ci"))\n')
    with (project / "harness" / "tasks.py").open("a") as tasks:
        tasks.write('\nSTEPS["docs"] = (("true",),)\n')
    result = gate(project, "parity")
    assert result.returncode == 1
    assert (
        "local job 'docs' ('Docs') has no workflow job of that name in .github/workflows/ci.yml: "
        "add a job named 'Docs' that runs 'uv run -m harness docs'"
    ) in result.stdout
    # Then what `sync` would write for the new job, and the summary line.
    drift = "differ from harness/jobs.py (edited by hand, or jobs.py changed since)"
    assert result.stdout.splitlines()[1:] == [
        f".github/workflows/ci.yml: the generated jobs {drift}: run `uv run -m harness sync`",
        f"README.md: the job table's rows {drift}: run `uv run -m harness sync`",
        "parity: FAILED: 3 problem(s)",
    ]


def test_parity_catches_a_workflow_job_running_another_entry_point(project: Path) -> None:
    path = project / WORKFLOWS / "ci.yml"
    text, count = re.subn(
        r"run: uv run -m harness typecheck$", "run: uv run mypy", path.read_text(), flags=re.M
    )
    assert count == 1
    path.write_text(text)
    result = gate(project, "parity")
    assert result.returncode == 1
    assert "has no 'run:' step that calls 'uv run -m harness typecheck'" in result.stdout


def test_a_release_bump_moves_the_project_version_in_the_lock_too(tmp_path: Path) -> None:
    """`cz bump` in a project writes the new version to pyproject.toml and to uv.lock.

    uv.lock records the project's own version; a bump that left it behind would leave the lock
    stale (`uv lock --check` fails, and the next `uv run` rewrites it into an unreleased change).
    """
    project = render(tmp_path / "project", DEFAULT.answers, tasks=True)
    for argv in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "feat: x"],
    ):
        assert run(argv, project).returncode == 0
    bump = [sys.executable, "-m", "commitizen", "bump", "--yes", "--increment", "MINOR"]
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    result = run(bump, project, env)
    assert result.returncode == 0, output(result)
    assert 'version = "0.2.0"' in (project / "pyproject.toml").read_text()
    lock = tomllib.loads((project / "uv.lock").read_text())
    (root,) = [package for package in lock["package"] if package["name"] == "my-service"]
    assert root["version"] == "0.2.0"
    assert run(["git", "status", "--porcelain"], project).stdout == ""
