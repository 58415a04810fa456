"""Releases of the template: the release workflow's own steps, run against a local remote.

A throwaway repository with the template repository's commitizen configuration takes
conventional commits; each run of the workflow's steps must tag the version those commits ask
for, write it to pyproject.toml, uv.lock and CHANGELOG.md, and push the commit and the tag
together, or release nothing.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from copier import run_copy

from .conftest import DEFAULT_PYTHON, REPO_ROOT, run, uv_environment
from .release_steps import RELEASE_WORKFLOW, copy_release_files, run_release

GIT_IDENTITY = ["-c", "user.name=Harness Tests", "-c", "user.email=tests@example.com"]
VERSION = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")


def git(cwd: Path, *arguments: str) -> str:
    result = run(["git", *GIT_IDENTITY, *arguments], cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def commit(repo: Path, name: str, message: str) -> None:
    (repo / name).write_text(message + "\n")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message)


def parts(tag: str) -> tuple[int, int, int]:
    match = VERSION.match(tag)
    assert match, f"{tag!r} is not a vX.Y.Z tag"
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch)


def versions(repo: Path) -> tuple[str, str]:
    """The version pyproject.toml and uv.lock each record for the template."""
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    lock = tomllib.loads((repo / "uv.lock").read_text())
    (locked,) = (p["version"] for p in lock["package"] if p["name"] == project["name"])
    return project["version"], locked


def remote_refs(remote: Path) -> dict[str, str]:
    listed = git(remote, "for-each-ref", "--format=%(refname) %(objectname)")
    return dict(line.split(" ", 1) for line in listed.splitlines())


@pytest.fixture
def env() -> dict[str, str]:
    return uv_environment(DEFAULT_PYTHON)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the template's release configuration and a remote, one feat in."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    repo = tmp_path / "template"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    copy_release_files(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feat: the template")
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")
    return repo


def test_each_release_tags_what_the_commits_ask_for(
    repo: Path, env: dict[str, str], tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    before, _ = versions(repo)

    first = run_release(repo, env, tmp_path / "run-1")
    assert first.pushed, first.output
    assert first.tag is not None
    # A feat is a minor release (0.x or not); the version files follow the tag.
    major, minor, _ = parts("v" + before)
    assert first.tag == f"v{major}.{minor + 1}.0"
    assert versions(repo) == (first.tag[1:], first.tag[1:])
    # commitizen rewrote uv.lock in a form uv still accepts as up to date.
    checked = run(["uv", "lock", "--check", "--offline"], repo, env)
    assert checked.returncode == 0, checked.stderr
    changelog = (repo / "CHANGELOG.md").read_text()
    assert changelog.startswith(f"## {first.tag} (")
    assert "### Feat\n\n- the template" in changelog
    # The release commit and its tag reached the remote, as one.
    refs = remote_refs(remote)
    assert refs["refs/heads/main"] == git(repo, "rev-parse", "HEAD")
    assert git(remote, "rev-parse", f"{first.tag}^{{commit}}") == refs["refs/heads/main"]
    assert git(repo, "status", "--porcelain") == ""
    assert f"Released {first.tag}." in first.summary

    # Nothing new: nothing released, nothing pushed, and the job still succeeds.
    idle = run_release(repo, env, tmp_path / "run-2")
    assert idle.tag is None
    assert "nothing to release" in idle.summary
    assert remote_refs(remote) == refs
    commit(repo, "docs.txt", "docs: a sentence")
    docs_only = run_release(repo, env, tmp_path / "run-docs")
    assert docs_only.tag is None
    assert "nothing to release" in docs_only.summary
    assert remote_refs(remote) == refs

    # A fix is a patch release; a breaking change is a minor one while the version is 0.x.
    commit(repo, "fix.txt", "fix: the template's workflow")
    patch = run_release(repo, env, tmp_path / "run-3")
    assert patch.pushed, patch.output
    assert patch.tag == f"v{major}.{minor + 1}.1"
    commit(repo, "break.txt", "feat!: a question renamed")
    breaking = run_release(repo, env, tmp_path / "run-4")
    assert breaking.pushed, breaking.output
    expected = f"v{major + 1}.0.0" if major else f"v0.{minor + 2}.0"
    assert breaking.tag == expected
    changelog = (repo / "CHANGELOG.md").read_text()
    assert changelog.index(f"## {breaking.tag}") < changelog.index(f"## {patch.tag}")
    assert "- the template's workflow" in changelog
    tags = git(remote, "tag", "--list").split()
    assert set(tags) == {first.tag, patch.tag, breaking.tag}


def test_a_push_that_fails_releases_nothing(
    repo: Path, env: dict[str, str], tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    # Someone else's commit reaches main first: the release commit no longer fast-forwards.
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(remote), str(other))
    commit(other, "other.txt", "docs: meanwhile")
    git(other, "push", "-q", "origin", "main")
    refs = remote_refs(remote)

    released = run_release(repo, env, tmp_path / "run")
    assert released.tag is not None
    assert not released.pushed
    assert "rejected" in released.output
    # --atomic: the tag did not go out without its commit.
    assert remote_refs(remote) == refs


def test_the_workflow_runs_on_demand_from_main_with_the_least_it_needs() -> None:
    workflow = yaml.safe_load(RELEASE_WORKFLOW.read_text())
    # PyYAML reads the `on:` key as True.
    assert workflow[True] == {"workflow_dispatch": None}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["permissions"] == {"contents": "write"}
    assert 0 < job["timeout-minutes"] <= 15
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    # Only the push step is handed the token.
    handed = [step.get("name") for step in job["steps"] if "github.token" in str(step.get("env"))]
    assert handed == ["Push the release commit and its tag together"]


# The template repository itself: what its last release left.
CHANGELOG = REPO_ROOT / "CHANGELOG.md"
RELEASE_HEADING = re.compile(r"^## (v\d+\.\d+\.\d+) \(\d{4}-\d{2}-\d{2}\)$", re.MULTILINE)


def release_tags(repo: Path) -> list[str]:
    """The repository's vX.Y.Z tags, newest version first."""
    listed = git(repo, "tag", "--list", "v*", "--sort=-v:refname").split()
    return [tag for tag in listed if VERSION.match(tag)]


def test_the_template_s_version_is_its_latest_release() -> None:
    """pyproject.toml and uv.lock hold the newest release in CHANGELOG.md, and its newest tag.

    Only the release workflow moves the version (with `cz bump`): a version edited by hand, or a
    release whose changelog entry or tag is missing, fails here.
    """
    version, locked = versions(REPO_ROOT)
    assert locked == version, "uv.lock records another version than pyproject.toml"
    releases = RELEASE_HEADING.findall(CHANGELOG.read_text())
    assert releases, "CHANGELOG.md lists no release"
    assert releases[0] == f"v{version}", f"the newest changelog entry is {releases[0]}"
    assert len(set(releases)) == len(releases), "a release is listed twice"
    tags = release_tags(REPO_ROOT)
    if tags:  # a clone made without tags has none to compare; the copy test below says so
        assert tags[0] == f"v{version}", f"the newest tag is {tags[0]}, the version v{version}"


def test_copy_without_a_ref_renders_the_latest_release(tmp_path: Path) -> None:
    """What a user gets from `copier copy` with no --vcs-ref: the newest tag, not main."""
    tags = release_tags(REPO_ROOT)
    if not tags:
        pytest.skip("this clone of the template has no release tags (git fetch --tags)")
    project = tmp_path / "project"
    run_copy(str(REPO_ROOT), project, defaults=True, unsafe=True, skip_tasks=True, quiet=True)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["_commit"] == tags[0]
