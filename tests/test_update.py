"""`copier update` across template versions, as a team would live it.

A throwaway git repository holds this template at three releases, each made by the template's
own release workflow (``tests/release_steps.py`` runs its steps: commitizen reads the
conventional commits, tags the version they ask for and writes the changelog):

* the first release: the current tree;
* the second (a feat, so a minor release): fixes a workflow, adds a question with a default, and
  renames the question ``coverage_threshold`` to ``min_coverage`` through a ``_migrations`` entry;
* the third (a fix, so a patch release): one more workflow fix on top;

and one commit after the third that is not released yet. A project rendered from the first
release gets the edits a team typically makes, then takes the updates.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from .conftest import DEFAULT_PYTHON, REPO_ROOT, TOOLS_DIR, run, uv_environment
from .release_steps import copy_release_files, run_release

pytestmark = pytest.mark.full

COPIER = TOOLS_DIR / "copier"
UV = TOOLS_DIR / "uv"
GIT_IDENTITY = ["-c", "user.name=Harness Tests", "-c", "user.email=tests@example.com"]
CI_HEADER = "# CI: one job per check."
FIX_SECOND = "# CI (harness, second release): one job per check."
FIX_THIRD = "# CI (harness, third release): one job per check."
FIX_UNRELEASED = "# CI (harness, not released yet): one job per check."
MIGRATION_LOG = ".harness-migrations.log"
CONFLICT = re.compile(r"(?m)^<<<<<<< before updating$")
VERSION = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")


def rename_migration(version: str) -> str:
    """A ``_migrations`` entry that renames an answer when a project updates to ``version``."""
    return f"""
  - version: {version}
    when: "{{{{ _stage == 'before' }}}}"
    command: >-
      {{{{ _copier_python }}}} -c "import pathlib, re;
      answers = pathlib.Path('.copier-answers.yml');
      answers.write_text(re.sub(r'(?m)^coverage_threshold:', 'min_coverage:', answers.read_text()));
      log = pathlib.Path('{MIGRATION_LOG}');
      log.write_text((log.read_text() if log.exists() else '') + 'renamed coverage_threshold\\n')"
"""


def git(cwd: Path, *arguments: str) -> str:
    result = run(["git", *GIT_IDENTITY, *arguments], cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@dataclass(frozen=True)
class Releases:
    """The throwaway template repository and the tags its release workflow made."""

    repo: Path
    first: str
    second: str
    third: str


def parts(tag: str) -> tuple[int, int, int]:
    match = VERSION.match(tag)
    assert match, f"{tag!r} is not a vX.Y.Z tag"
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch)


def release(repo: Path, env: Mapping[str, str], scratch: Path) -> str:
    released = run_release(repo, env, scratch)
    assert released.tag is not None, released.output
    assert released.pushed, released.output
    return released.tag


def build_template_repo(root: Path, env: Mapping[str, str]) -> Releases:
    """The template at three releases made by its release workflow, and one unreleased commit."""
    repo = root / "harness-template"
    remote = root / "harness-template.git"
    ignore = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache", "node_modules")
    repo.mkdir()
    for name in ("copier.yml", "extensions", "template"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    copy_release_files(repo)
    git(root, "init", "-q", "--bare", "-b", "main", str(remote))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feat: the guarded service template")
    first = release(repo, env, root / "release-1")
    major, minor, _ = parts(first)
    # What the next two releases must be: a feat is a minor release, a fix a patch release.
    expected_second = f"v{major}.{minor + 1}.0"
    expected_third = f"v{major}.{minor + 1}.1"

    ci = repo / "template" / ".github" / "workflows" / "ci.yml.jinja"
    edit(ci, CI_HEADER, FIX_SECOND)
    copier_yml = repo / "copier.yml"
    edit(copier_yml, "_migrations:\n", "_migrations:" + rename_migration(expected_second))
    edit(copier_yml, "coverage_threshold:\n", "min_coverage:\n")
    edit(
        copier_yml,
        "{{ coverage_threshold | coverage_problem }}",
        "{{ min_coverage | coverage_problem }}",
    )
    copier_yml.write_text(
        copier_yml.read_text()
        + "\nsupport_email:\n  type: str\n  help: Where users report problems\n"
        + "  default: support@example.com\n"
    )
    for relative in ("pyproject.toml.jinja", "README.md.jinja"):
        edit(repo / "template" / relative, "coverage_threshold", "min_coverage")
    edit(
        repo / "template" / "SECURITY.md.jinja",
        "or by email to {{ author_email }}.",
        "or by email to {{ support_email }}.",
    )
    git(repo, "commit", "-q", "-am", "feat: a support address; coverage_threshold is min_coverage")
    second = release(repo, env, root / "release-2")
    assert second == expected_second

    edit(ci, FIX_SECOND, FIX_THIRD)
    git(repo, "commit", "-q", "-am", "fix: the CI workflow's header")
    third = release(repo, env, root / "release-3")
    assert third == expected_third

    # Merged but not released: `copier copy` and `copier update` must not see it.
    edit(ci, FIX_THIRD, FIX_UNRELEASED)
    git(repo, "commit", "-q", "-am", "feat: not released yet")
    return Releases(repo=repo, first=first, second=second, third=third)


def copier(
    project: Path, env: Mapping[str, str], *arguments: str
) -> subprocess.CompletedProcess[str]:
    return run([COPIER, *arguments], project, env)


def render_first(releases: Releases, destination: Path, env: Mapping[str, str]) -> Path:
    result = run(
        [
            COPIER,
            "copy",
            "--trust",
            "--defaults",
            "--vcs-ref",
            releases.first,
            "--data",
            "coverage_threshold=80",
            releases.repo,
            destination,
        ],
        destination.parent,
        env,
    )
    assert result.returncode == 0, result.stderr
    git(destination, "init", "-q", "-b", "main")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", f"chore: render from Harness {releases.first}")
    return destination


ITEMS_ROUTE = '''"""The team's own endpoint."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["items"])


@router.get("/items")
async def items() -> list[str]:
    """Everything the team sells."""
    return ["tea", "coffee"]
'''

ITEMS_TEST = '''"""The team's own test."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_items(client: TestClient) -> None:
    assert client.get("/api/v1/items").json() == ["tea", "coffee"]
'''


def make_team_edits(project: Path, env: Mapping[str, str]) -> None:
    """What a team does in its first weeks: an endpoint, docs, a lint rule, a dependency."""
    package = project / "src" / "my_service"
    (package / "api" / "routes" / "items.py").write_text(ITEMS_ROUTE)
    edit(
        package / "api" / "router.py",
        "from .routes import agent, health",
        "from .routes import agent, health, items",
    )
    edit(
        package / "api" / "router.py",
        "    agent.router,\n",
        "    agent.router,\n    items.router,\n",
    )
    (project / "tests" / "test_items.py").write_text(ITEMS_TEST)
    edit(project / "README.md", "## Deploy it\n", "## Deploy it\n\nWe deploy with Fly.io.\n")
    edit(
        project / "pyproject.toml", "[tool.ruff.lint]\n", '[tool.ruff.lint]\nignore = ["SIM108"]\n'
    )
    added = run([UV, "add", "--quiet", "tenacity>=9"], project, env)
    assert added.returncode == 0, added.stderr
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "feat: items endpoint")


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    return uv_environment(DEFAULT_PYTHON)


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Releases:
    return build_template_repo(tmp_path_factory.mktemp("template"), env)


@pytest.fixture
def project(releases: Releases, env: dict[str, str], tmp_path: Path) -> Path:
    return render_first(releases, tmp_path / "my-service", env)


def answers(project: Path) -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((project / ".copier-answers.yml").read_text())
    return loaded


def snapshot(project: Path) -> dict[Path, bytes]:
    """Every file of the working tree (git's own bookkeeping aside) and its content."""
    return {
        path: path.read_bytes()
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }


def conflict_files(project: Path) -> list[str]:
    return sorted(
        str(path.relative_to(project))
        for path in project.rglob("*")
        if ".git" not in path.parts
        and ".venv" not in path.parts
        and path.is_file()
        and CONFLICT.search(path.read_text(errors="ignore"))
    )


def test_update_keeps_team_edits_and_ci_stays_green(
    project: Path, releases: Releases, env: dict[str, str]
) -> None:
    assert answers(project)["_commit"] == releases.first
    make_team_edits(project, env)
    result = copier(project, env, "update", "--trust", "--defaults", "--vcs-ref", releases.second)
    assert result.returncode == 0, result.stderr

    # The harness fix arrived and the migration ran exactly once.
    assert FIX_SECOND in (project / ".github" / "workflows" / "ci.yml").read_text()
    assert (project / MIGRATION_LOG).read_text() == "renamed coverage_threshold\n"
    # The answers file records the new release's tag, the renamed answer and the new question.
    recorded = answers(project)
    assert recorded["_commit"] == releases.second
    assert recorded["min_coverage"] == 80
    assert "coverage_threshold" not in recorded
    assert recorded["support_email"] == "support@example.com"
    assert "support@example.com" in (project / "SECURITY.md").read_text()
    # Every team edit survived, with no conflicts and no .rej files.
    assert (
        project / "src" / "my_service" / "api" / "routes" / "items.py"
    ).read_text() == ITEMS_ROUTE
    assert "items.router" in (project / "src" / "my_service" / "api" / "router.py").read_text()
    assert (project / "tests" / "test_items.py").exists()
    assert "We deploy with Fly.io." in (project / "README.md").read_text()
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["tool"]["ruff"]["lint"]["ignore"] == ["SIM108"]
    assert pyproject["tool"]["coverage"]["report"]["fail_under"] == 80
    assert any(dep.startswith("tenacity") for dep in pyproject["project"]["dependencies"])
    assert conflict_files(project) == []
    assert not list(project.rglob("*.rej"))
    # The lockfile was regenerated from the merged pyproject.toml, not merged.
    lock = (project / "uv.lock").read_text()
    assert 'name = "tenacity"' in lock
    assert "<<<<<<<" not in lock
    assert run([UV, "lock", "--check"], project, env).returncode == 0

    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", f"chore: update Harness to {releases.second}")
    synced = run([UV, "sync", "--frozen"], project, env)
    assert synced.returncode == 0, synced.stderr
    ci = run([UV, "run", "--frozen", "-m", "harness", "ci"], project, env)
    assert ci.returncode == 0, ci.stdout + ci.stderr

    # Updating again to the same version changes nothing.
    again = copier(project, env, "update", "--trust", "--defaults", "--vcs-ref", releases.second)
    assert again.returncode == 0, again.stderr
    assert git(project, "status", "--porcelain") == ""
    assert (project / MIGRATION_LOG).read_text() == "renamed coverage_threshold\n"


def test_overlapping_edits_become_conflict_markers(
    project: Path, releases: Releases, env: dict[str, str]
) -> None:
    workflow = project / ".github" / "workflows" / "ci.yml"
    edit(workflow, CI_HEADER, "# CI, as our team likes it: one job per check.")
    git(project, "commit", "-q", "-am", "ci: our own header")

    result = copier(project, env, "update", "--trust", "--defaults", "--vcs-ref", releases.second)
    assert result.returncode == 0, result.stderr
    text = workflow.read_text()
    assert "<<<<<<< before updating" in text
    assert "# CI, as our team likes it" in text
    assert FIX_SECOND in text
    assert conflict_files(project) == [".github/workflows/ci.yml"]
    assert "UU .github/workflows/ci.yml" in git(project, "status", "--porcelain")
    assert not list(project.rglob("*.rej"))
    # The project's update task reports the conflicted file to the user.
    listed = run(
        ["python3", "-c", "from harness.update import conflicted_files; print(conflicted_files())"],
        project,
    )
    assert ".github/workflows/ci.yml" in listed.stdout


def test_update_from_a_dirty_tree_fails_and_changes_nothing(
    project: Path, releases: Releases, env: dict[str, str]
) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\nwork in progress\n")
    before = snapshot(project)

    result = copier(project, env, "update", "--trust", "--defaults", "--vcs-ref", releases.second)
    assert result.returncode != 0
    assert "dirty" in (result.stderr + result.stdout).lower()
    assert snapshot(project) == before


def test_skip_answered_keeps_every_answer(
    project: Path, releases: Releases, env: dict[str, str]
) -> None:
    result = copier(
        project,
        env,
        "update",
        "--trust",
        "--defaults",
        "--skip-answered",
        "--vcs-ref",
        releases.second,
    )
    assert result.returncode == 0, result.stderr
    recorded = answers(project)
    assert recorded["min_coverage"] == 80
    assert recorded["project_name"] == "My Service"
    assert recorded["support_email"] == "support@example.com"


def test_update_across_three_versions(
    project: Path, releases: Releases, env: dict[str, str]
) -> None:
    result = copier(project, env, "update", "--trust", "--defaults", "--vcs-ref", releases.third)
    assert result.returncode == 0, result.stderr
    assert FIX_THIRD in (project / ".github" / "workflows" / "ci.yml").read_text()
    assert (project / MIGRATION_LOG).read_text() == "renamed coverage_threshold\n"
    assert answers(project)["_commit"] == releases.third
    assert conflict_files(project) == []


def test_an_update_without_a_ref_takes_the_latest_release(
    project: Path, releases: Releases, env: dict[str, str]
) -> None:
    result = copier(project, env, "update", "--trust", "--defaults")
    assert result.returncode == 0, result.stderr
    workflow = (project / ".github" / "workflows" / "ci.yml").read_text()
    assert FIX_THIRD in workflow
    assert FIX_UNRELEASED not in workflow
    assert answers(project)["_commit"] == releases.third


def test_a_copy_without_a_ref_renders_the_latest_release(
    releases: Releases, env: dict[str, str], tmp_path: Path
) -> None:
    destination = tmp_path / "fresh"
    result = run(
        [COPIER, "copy", "--trust", "--defaults", "--skip-tasks", releases.repo, destination],
        tmp_path,
        env,
    )
    assert result.returncode == 0, result.stderr
    workflow = (destination / ".github" / "workflows" / "ci.yml").read_text()
    assert FIX_THIRD in workflow
    assert FIX_UNRELEASED not in workflow
    recorded = answers(destination)
    assert recorded["_commit"] == releases.third
    assert recorded["_src_path"] == str(releases.repo)


def test_each_release_s_changelog_says_what_changed(releases: Releases) -> None:
    changelog = git(releases.repo, "show", f"{releases.third}:CHANGELOG.md")
    sections = re.findall(r"(?m)^## (v\S+) ", changelog)
    assert sections == [releases.third, releases.second, releases.first]
    third, second, first = re.split(r"(?m)^## v\S+ .*$", changelog)[1:]
    assert third.strip() == "### Fix\n\n- the CI workflow's header"
    assert second.strip() == "### Feat\n\n- a support address; coverage_threshold is min_coverage"
    assert first.strip() == "### Feat\n\n- the guarded service template"
    assert "not released yet" not in changelog


def test_the_lock_task_runs_on_copy_only() -> None:
    config = yaml.safe_load((REPO_ROOT / "copier.yml").read_text())
    (task,) = config["_tasks"]
    assert task["when"] == "{{ _copier_operation == 'copy' }}"
    (migration,) = config["_migrations"]
    assert "relock.py" in migration["command"]
    assert "version" not in migration  # after every update
