"""The template's release workflow, run outside GitHub: its own shell steps, against a local remote.

The update tests make their template versions with these steps, so the tags Copier resolves are
the ones a real release makes, and ``tests/test_release.py`` checks the steps themselves.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .conftest import REPO_ROOT

RELEASE_WORKFLOW = REPO_ROOT / ".github" / "workflows" / "release.yml"
# What a repository needs for `cz bump` to work as in the template repository.
RELEASE_FILES = ("pyproject.toml", "uv.lock", ".python-version", ".gitignore")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


def release_steps() -> dict[str, str]:
    """The ``run:`` script of each step of the release job, by the step's ``id`` or name."""
    workflow = yaml.safe_load(RELEASE_WORKFLOW.read_text())
    (job,) = workflow["jobs"].values()
    return {
        step.get("id", step.get("name", "")): step["run"] for step in job["steps"] if "run" in step
    }


def copy_release_files(repo: Path) -> None:
    for name in RELEASE_FILES:
        shutil.copy2(REPO_ROOT / name, repo / name)


# GitHub's default shell for `run:` on Linux runners.
SHELL = ("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c")


@dataclass(frozen=True)
class Released:
    """What one run of the release job did: the tag it made, and whether the push went through."""

    tag: str | None
    pushed: bool
    summary: str
    output: str


def run_release(repo: Path, env: Mapping[str, str], scratch: Path) -> Released:
    """Run the release job's steps in ``repo`` as the runner would; push to its ``origin``.

    ``scratch`` holds the step's output files and commitizen's environment, outside the
    repository so that the template stays clean for Copier.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    outputs, summary = scratch / "github_output", scratch / "step_summary"
    outputs.write_text("")
    summary.write_text("")
    step_env = {
        **env,
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "UV_PROJECT_ENVIRONMENT": str(scratch / "release-venv"),
    }
    steps = release_steps()
    bump = subprocess.run(
        [*SHELL, steps["bump"]],
        cwd=repo,
        env=step_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bump.returncode == 0, bump.stdout + bump.stderr
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
    tag = values.get("tag")
    output = bump.stdout + bump.stderr
    pushed = False
    if tag:
        push = subprocess.run(
            [*SHELL, steps["Push the release commit and its tag together"]],
            cwd=repo,
            env={**step_env, "GITHUB_TOKEN": "not-a-real-token", "TAG": tag},
            capture_output=True,
            text=True,
            check=False,
        )
        pushed = push.returncode == 0
        output += push.stdout + push.stderr
    return Released(tag=tag, pushed=pushed, summary=summary.read_text(), output=output)
