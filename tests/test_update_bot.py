"""The weekly update bot cannot be turned against the project.

``copier update --trust`` runs the *new* template's code: its ``_tasks`` and ``_migrations``. The
rendered ``update.yml`` therefore runs it in a job with a read-only token and no secrets, which
hands the next job nothing but a diff; the job that holds the update token runs no template code
and no code from the checkout, only git (to apply the diff) and gh (to open the pull request).

The structural tests read the rendered workflow. The planted-task test builds a throwaway
template repository whose next release carries a task that records its environment and tries
to reach past the diff (git hooks, git config, a file beside the project, an extra file in the
artifact folder), runs the first job's steps the way the runner would, and then the second job's
apply step in a fresh clone.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from copier import run_copy

from .conftest import DEFAULT_PYTHON, REPO_ROOT, commit_everything, render, run, uv_environment

UPDATE_WORKFLOW = Path(".github/workflows/update.yml")
GIT_IDENTITY = ["-c", "user.name=Harness Tests", "-c", "user.email=tests@example.com"]
# What GitHub would put in the update token and the job token; the test looks for these strings.
SECRETS = {
    "HARNESS_UPDATE_TOKEN": "ghp_plantedUpdateTokenAAAAAAAAAAAAAAAAAAAA",
    "GITHUB_TOKEN": "ghs_plantedJobTokenBBBBBBBBBBBBBBBBBBBBBBBB",
}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# Commands that run code from the template or the checkout. The job with the token runs none.
TEMPLATE_CODE = re.compile(
    r"(?<![\w$/.-])(copier|uvx?|python[\d.]*|pip|npm|npx|node|make|pytest)(?![\w-])"
    # a shell handed a script, or a command started by path (./x, ../x, path/to/x)
    r"|(^|[;&|(`]|\$\()\s*(bash|sh|source|\.)\s+[^-\s]"
    r"|(^|[;&|(`]|\$\()\s*[\w.-]*/[\w./-]+"
)
# Actions the job with the token may use: check out, and fetch the first job's artifact.
TRUSTED_ACTIONS = ("actions/checkout@", "actions/download-artifact@")
# The relock task needs PyPI; the planted-task test swaps it for a no-op in its own copy.
RELOCK = "{{ _copier_python }} harness/relock.py"


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    project = render(tmp_path_factory.mktemp("update-bot") / "project")
    loaded: dict[str, Any] = yaml.safe_load((project / UPDATE_WORKFLOW).read_text())
    return loaded


def split_jobs(workflow: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The job that runs the update (needs nothing) and the one that opens the pull request."""
    jobs: dict[str, dict[str, Any]] = workflow["jobs"]
    first = [job for job in jobs.values() if "needs" not in job]
    second = [job for job in jobs.values() if "needs" in job]
    assert len(first) == 1, f"expected one job that needs nothing, got {list(jobs)}"
    assert len(second) == 1, f"expected one job that needs the first, got {list(jobs)}"
    return first[0], second[0]


def untrusted_job_problems(workflow: Mapping[str, Any], job: Mapping[str, Any]) -> list[str]:
    """Why the job that runs template code could reach a credential (empty: it cannot)."""
    problems = []
    if job.get("permissions") != {"contents": "read"}:
        problems.append(f"permissions are {job.get('permissions')!r}, not contents: read")
    if workflow.get("env"):
        problems.append(f"the workflow sets env for every job: {workflow['env']!r}")
    text = yaml.safe_dump(dict(job))
    for needle in ("secrets.", "github.token"):
        if needle in text:
            problems.append(f"the job references {needle}")
    envs = [job.get("env") or {}] + [step.get("env") or {} for step in job["steps"]]
    for env in envs:
        problems += [f"env {name} looks like a credential" for name in env if "TOKEN" in name]
    for step in job["steps"]:
        checkout = step.get("uses", "").startswith("actions/checkout@")
        if checkout and step.get("with", {}).get("persist-credentials") is not False:
            problems.append("checkout leaves its token in .git/config")
    return problems


def trusted_job_problems(job: Mapping[str, Any]) -> list[str]:
    """Why the job holding the token could run template or checkout code (empty: it cannot)."""
    problems = []
    for step in job["steps"]:
        uses = step.get("uses")
        if uses is not None and not uses.startswith(TRUSTED_ACTIONS):
            problems.append(f"uses {uses}")
        for line in step.get("run", "").splitlines():
            code = line.split(" #", 1)[0].strip().replace("\\`", "")
            # Double-quoted text with no $ or backtick expands nothing: it is words, not code.
            code = re.sub(r'"[^"`$]*"', '""', code)
            if TEMPLATE_CODE.search(code):
                problems.append(f"runs {line.strip()!r}")
    return problems


def test_the_update_job_is_read_only_and_holds_no_secret(workflow: dict[str, Any]) -> None:
    prepare, _ = split_jobs(workflow)
    assert untrusted_job_problems(workflow, prepare) == []


def test_the_job_with_the_token_runs_no_template_code(workflow: dict[str, Any]) -> None:
    _, propose = split_jobs(workflow)
    assert trusted_job_problems(propose) == []
    assert set(propose["permissions"]) == {"contents", "pull-requests"}
    assert "secrets.HARNESS_UPDATE_TOKEN" in yaml.safe_dump(propose)


def test_every_job_has_a_timeout(workflow: dict[str, Any]) -> None:
    for job in workflow["jobs"].values():
        assert isinstance(job.get("timeout-minutes"), int)


def test_the_checks_fire_on_a_planted_token_and_a_planted_template_step(
    workflow: dict[str, Any],
) -> None:
    prepare, propose = split_jobs(workflow)
    leaky = copy.deepcopy(prepare)
    leaky["steps"][-2]["env"] = {"GH_TOKEN": "${{ secrets.HARNESS_UPDATE_TOKEN }}"}
    leaky["permissions"] = {"contents": "write"}
    found = untrusted_job_problems(workflow, leaky)
    assert "the job references secrets." in found
    assert "env GH_TOKEN looks like a credential" in found
    assert any(problem.startswith("permissions are") for problem in found)
    runs_template = copy.deepcopy(propose)
    runs_template["steps"].insert(2, {"run": "uv run --no-project python -m harness.update"})
    runs_template["steps"].insert(3, {"run": "bash scripts/prepare.sh"})
    runs_template["steps"].insert(4, {"uses": "astral-sh/setup-uv@" + "0" * 40})
    assert len(trusted_job_problems(runs_template)) == 3


# ---------------------------------------------------------------------------------------------
# The planted template task


def git(cwd: Path, *arguments: str) -> str:
    result = run(["git", *GIT_IDENTITY, *arguments], cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def expand(value: str, secrets: Mapping[str, str], runner_temp: Path) -> str:
    """GitHub's ``${{ a || b }}`` with the few contexts update.yml uses."""

    def one(match: re.Match[str]) -> str:
        for term in (part.strip() for part in match[1].split("||")):
            if term.startswith("secrets."):
                found = secrets.get(term.removeprefix("secrets."), "")
            elif term == "runner.temp":
                found = str(runner_temp)
            elif term == "github.run_id":
                found = "1"
            else:
                raise AssertionError(f"the test does not model {term!r}")
            if found:
                return found
        return ""

    return EXPRESSION.sub(one, value)


def job_environment(
    base: Mapping[str, str],
    workflow: Mapping[str, Any],
    job: Mapping[str, Any],
    step: Mapping[str, Any],
    runner_temp: Path,
) -> dict[str, str]:
    """What a step's process sees: the runner's environment plus everything the YAML declares."""
    env = dict(base)
    for declared in (workflow.get("env"), job.get("env"), step.get("env")):
        for name, value in (declared or {}).items():
            env[name] = expand(str(value), SECRETS, runner_temp)
    return env


def run_steps(
    workflow: Mapping[str, Any],
    job: Mapping[str, Any],
    base: Mapping[str, str],
    cwd: Path,
    runner_temp: Path,
    *,
    stop_before_secrets: bool = False,
) -> None:
    """Each ``run:`` step as GitHub runs it (bash -e, pipefail); actions are done by the test."""
    for step in job["steps"]:
        if "run" not in step:
            continue
        if stop_before_secrets and "secrets." in json.dumps(step.get("env", {})):
            return
        script = runner_temp / "step.sh"
        script.write_text(step["run"])
        env = job_environment(base, workflow, job, step, runner_temp)
        result = run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd, env)
        assert result.returncode == 0, result.stdout + result.stderr


def planted_task(evidence: Path) -> str:
    """A ``_tasks`` entry that records what it sees and reaches past the diff."""
    script = "; ".join(
        [
            "import json, os, pathlib, subprocess",
            f"evidence = pathlib.Path({str(evidence)!r})",
            "(evidence / 'env.json').write_text(json.dumps(dict(os.environ)))",
            "(evidence / 'beside-the-project.txt').write_text('written by the task')",
            "hook = pathlib.Path('.git/hooks/pre-commit')",
            "hook.write_text('#!/bin/sh\\necho hooked > hooked.txt\\n')",
            "hook.chmod(0o755)",
            "subprocess.run(['git', 'config', 'planted.by', 'task'], check=True)",
            "smuggled = pathlib.Path(os.environ['RUNNER_TEMP'], 'harness-update')",
            "smuggled.mkdir(parents=True, exist_ok=True)",
            "(smuggled / 'extra.sh').write_text('echo smuggled')",
            "pathlib.Path('README.md').write_text(pathlib.Path('README.md').read_text()"
            " + '\\nEdited by the new release.\\n')",
        ]
    )
    return f"  - command: {json.dumps(['{{ _copier_python }}', '-c', script])}\n"


def test_a_planted_template_task_gets_no_token_and_only_the_diff_crosses(
    tmp_path: Path, workflow: dict[str, Any]
) -> None:
    # A template repository at v1.0.0 (the current tree) and v2.0.0 (plus the planted task).
    template = tmp_path / "template-repo"
    template.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache", "node_modules")
    shutil.copytree(REPO_ROOT / "extensions", template / "extensions", ignore=ignore)
    shutil.copytree(REPO_ROOT / "template", template / "template", ignore=ignore)
    copier_yml = (REPO_ROOT / "copier.yml").read_text()
    assert copier_yml.count(RELOCK) == 2, "the relock task and migration moved"
    (template / "copier.yml").write_text(copier_yml.replace(RELOCK, "{{ _copier_python }} -c 0"))
    git(template, "init", "-q", "-b", "main")
    git(template, "add", "-A")
    git(template, "commit", "-q", "-m", "feat: the first release")
    git(template, "tag", "v1.0.0")

    project = tmp_path / "project"
    run_copy(
        str(template),
        project,
        data={"include_frontend": False},
        defaults=True,
        unsafe=True,
        vcs_ref="v1.0.0",
        skip_tasks=True,
        quiet=True,
    )
    commit_everything(project)

    evidence = tmp_path / "evidence"
    evidence.mkdir()
    text = (template / "copier.yml").read_text()
    (template / "copier.yml").write_text(
        text.replace("_tasks:\n", "_tasks:\n" + planted_task(evidence), 1)
    )
    git(template, "commit", "-q", "-am", "feat!: a release with a planted task")
    git(template, "tag", "v2.0.0")

    # Job 1, in the project as checked out (its workflow is the v1 render's, the one under test).
    rendered: dict[str, Any] = yaml.safe_load((project / UPDATE_WORKFLOW).read_text())
    assert rendered == workflow
    prepare, propose = split_jobs(rendered)
    runner = tmp_path / "runner-1"
    runner.mkdir()
    output = runner / "github_output"
    output.touch()
    base = uv_environment(DEFAULT_PYTHON)
    for name in [*SECRETS, "GH_TOKEN", "GITHUB_TOKEN"]:
        base.pop(name, None)
    base |= {"CI": "true", "RUNNER_TEMP": str(runner), "GITHUB_OUTPUT": str(output)}
    run_steps(rendered, prepare, base, project, runner)

    seen = (evidence / "env.json").read_text()
    for token in SECRETS.values():
        assert token not in seen
    # The same declared environment for the second job does carry the token: the check is live.
    pr_step = next(step for step in propose["steps"] if "secrets." in json.dumps(step))
    pr_env = job_environment(base, rendered, propose, pr_step, runner)
    assert SECRETS["HARNESS_UPDATE_TOKEN"] in pr_env.values()
    # The task did run and reach past the diff, on the first job's runner only.
    assert (evidence / "beside-the-project.txt").exists()
    assert (project / ".git" / "hooks" / "pre-commit").exists()
    assert "changed=true" in output.read_text()

    # What job 2 downloads: the upload step's folder, holding the diff and the answers only.
    upload = next(step for step in prepare["steps"] if "upload-artifact" in step.get("uses", ""))
    artifact = Path(expand(upload["with"]["path"], SECRETS, runner))
    assert sorted(path.name for path in artifact.iterdir()) == [
        "copier-answers.yml",
        "update.diff",
    ]
    diff = (artifact / "update.diff").read_text()
    assert "Edited by the new release." in diff
    assert ".git/" not in diff.replace("a/.github/", "").replace("b/.github/", "")

    # Job 2: a fresh checkout of the project, the artifact downloaded, its steps up to the one
    # that holds the token.
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(project), str(checkout))
    runner_2 = tmp_path / "runner-2"
    download = next(
        step for step in propose["steps"] if "download-artifact" in step.get("uses", "")
    )
    shutil.copytree(artifact, Path(expand(download["with"]["path"], SECRETS, runner_2)))
    base_2 = base | {"RUNNER_TEMP": str(runner_2)}
    run_steps(rendered, propose, base_2, checkout, runner_2, stop_before_secrets=True)

    assert "Edited by the new release." in (checkout / "README.md").read_text()
    assert "_commit: v2.0.0" in (checkout / ".copier-answers.yml").read_text()
    hooks = [hook.name for hook in (checkout / ".git" / "hooks").iterdir()]
    assert all(name.endswith(".sample") for name in hooks), hooks
    assert "planted.by" not in git(checkout, "config", "--list", "--local")
    assert "planted.by" in git(project, "config", "--list", "--local")
    assert not (checkout / "extra.sh").exists()
    git(checkout, "commit", "-q", "-m", "chore: update the Harness template")
    assert not (checkout / "hooked.txt").exists()
