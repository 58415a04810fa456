"""The `agents` question: only the chosen agents' configurations are rendered, and updates follow.

The fast tier renders each shape of the selection and checks exactly which agent files exist
and which the docs describe; the full tier changes the selection with ``copier update`` (files
added and removed, the project's CI still green) and updates a project rendered before the
question existed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
import yaml
from copier import run_copy

from extensions.harness import (
    AGENTS,
    DEFAULT_AGENTS,
    agent_names,
    agents_default,
    agents_problem,
    pick,
    prose_list,
)

from .conftest import DEFAULT_PYTHON, REPO_ROOT, TOOLS_DIR, render, run, uv_environment

COPIER = TOOLS_DIR / "copier"
UV = TOOLS_DIR / "uv"
GIT_IDENTITY = ["-c", "user.name=Harness Tests", "-c", "user.email=tests@example.com"]

# Every file that belongs to one agent alone, by agent. The guard package in .claude/hooks/ is
# shared (every agent's hook config calls it, and pre-commit's secret scan runs from it), so it
# is rendered whatever the selection.
AGENT_FILES: dict[str, tuple[str, ...]] = {
    "claude": (
        "CLAUDE.md",
        ".claude/settings.json",
        ".claude/agents/.gitkeep",
        ".claude/commands/.gitkeep",
        ".claude/skills/.gitkeep",
    ),
    "codex": (".codex/hooks.json", ".codex/config.toml"),
    "gemini": (".gemini/settings.json",),
    "cursor": (".cursor/hooks.json", ".cursor/sandbox.json"),
    "copilot": (".github/hooks/harness.json",),
}
# The file each agent loads its hooks from, which the rendered docs name for that agent only.
HOOK_CONFIG = {agent: files[0] for agent, files in AGENT_FILES.items()}
HOOK_CONFIG["claude"] = ".claude/settings.json"
AGENT_DIRS = {
    ".codex": "codex",
    ".gemini": "gemini",
    ".cursor": "cursor",
    ".github/hooks": "copilot",
}
SHARED_FILES = (
    "AGENTS.md",
    ".claude/hooks/pretooluse_bash.py",
    ".claude/hooks/guard_edits.py",
    ".claude/hooks/secret_scan.py",
    ".claude/hooks/harness_guard/protected.py",
    ".claude/hooks/harness_guard/sandbox.py",
)
DOCS = ("AGENTS.md", "README.md", "SECURITY.md", "docs/SECURITY.md")

SHAPES = [
    pytest.param(None, DEFAULT_AGENTS, id="default"),
    pytest.param(list(AGENTS), AGENTS, id="all"),
    pytest.param(["cursor"], ("cursor",), id="only-cursor"),
    pytest.param([], (), id="none"),
]


# Agent files the template gained after the `agents` question (an older render lacks them).
ADDED_AFTER_THE_QUESTION = frozenset({".claude/skills/.gitkeep"})


def agent_files_present(project: Path) -> dict[str, bool]:
    return {name: (project / name).is_file() for files in AGENT_FILES.values() for name in files}


def expected_files(selected: Sequence[str]) -> dict[str, bool]:
    return {name: agent in selected for agent, files in AGENT_FILES.items() for name in files}


def check_selection(project: Path, selected: Sequence[str]) -> None:
    """Exactly ``selected``'s files exist, the shared ones always, and the docs agree."""
    assert agent_files_present(project) == expected_files(selected)
    for name in SHARED_FILES:
        assert (project / name).is_file(), name
    for directory, agent in AGENT_DIRS.items():
        assert (project / directory).exists() == (agent in selected), directory
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["agents"] == list(selected)
    for doc in DOCS:
        text = (project / doc).read_text()
        for agent, config in HOOK_CONFIG.items():
            if doc == "SECURITY.md":
                continue  # the policy names agents, not files
            assert (config in text) == (agent in selected), f"{doc} and {config}"
    policy = (project / "SECURITY.md").read_text()
    assert ("| OS sandbox (Claude Code) |" in policy) == ("claude" in selected)
    for agent, name in zip(AGENTS, agent_names(list(AGENTS)), strict=True):
        row = f"| {name} | `{HOOK_CONFIG[agent]}`"
        assert (row in (project / "docs/SECURITY.md").read_text()) == (agent in selected), row


# ---------------------------------------------------------------------------------------------
# Fast tier: the question, its validator and its default


def test_unknown_agents_are_refused_in_one_sentence() -> None:
    problem = agents_problem(["claude", "windsurf"])
    assert problem == (
        "'windsurf' is not an agent the template configures: choose from "
        "claude, codex, gemini, cursor, copilot."
    )
    assert problem.count(". ") == 0
    assert problem.endswith(".")
    assert agents_problem("claude; rm") != ""


@pytest.mark.parametrize("selection", [[], ["copilot"], list(AGENTS)])
def test_known_agents_pass_the_validator(selection: list[str]) -> None:
    assert agents_problem(selection) == ""


def test_the_default_depends_on_whether_the_project_exists(tmp_path: Path) -> None:
    assert agents_default(tmp_path, ".copier-answers.yml") == ["claude", "codex"]
    (tmp_path / ".copier-answers.yml").write_text("_commit: v1\n")
    assert agents_default(tmp_path, ".copier-answers.yml") == list(AGENTS)


def test_agent_names_read_as_prose() -> None:
    assert prose_list(agent_names(["claude"])) == "Claude Code"
    assert prose_list(agent_names(["codex", "copilot"])) == "Codex and GitHub Copilot"
    assert prose_list(agent_names(["claude", "cursor", "gemini"])) == (
        "Claude Code, Cursor and Gemini CLI"
    )
    assert prose_list([]) == ""
    assert pick(["b", "x", "a"], {"a": "1", "b": "2"}) == ["2", "1"]


@pytest.mark.parametrize(("answer", "selected"), SHAPES)
def test_each_selection_renders_exactly_its_agents(
    tmp_path: Path, answer: list[str] | None, selected: Sequence[str]
) -> None:
    answers = {} if answer is None else {"agents": answer}
    project = render(tmp_path / "project", answers)
    check_selection(project, selected)


def test_an_unknown_agent_stops_the_render_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "project"
    with pytest.raises(ValueError, match="windsurf") as refused:
        run_copy(
            str(REPO_ROOT),
            target,
            data={"agents": ["claude", "windsurf"]},
            defaults=True,
            unsafe=True,
            vcs_ref="HEAD",
            skip_tasks=True,
            quiet=True,
        )
    message = str(refused.value)
    assert "\n" not in message, message
    assert message.count(". ") == 0, message
    assert not target.exists()


# ---------------------------------------------------------------------------------------------
# Full tier: `copier update` with a changed selection, and from a project older than the question


def git(cwd: Path, *arguments: str) -> str:
    result = run(["git", *GIT_IDENTITY, *arguments], cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def copier(
    project: Path, env: Mapping[str, str], *arguments: str
) -> subprocess.CompletedProcess[str]:
    return run([COPIER, *arguments], project, env)


def question_commit() -> str:
    """The commit that introduced the `agents` question: its parent is the template before it."""
    log = git(REPO_ROOT, "log", "--format=%H", "-S", "multiselect: true", "--", "copier.yml")
    return log.split()[-1]


def template_snapshot(repo: Path, source: str | None) -> None:
    """Replace ``repo``'s template with the working tree (``None``) or the commit ``source``."""
    for name in ("copier.yml", "extensions", "template"):
        target = repo / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    if source is None:
        ignore = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache", "node_modules")
        shutil.copytree(REPO_ROOT / "extensions", repo / "extensions", ignore=ignore)
        shutil.copytree(REPO_ROOT / "template", repo / "template", ignore=ignore)
        shutil.copy2(REPO_ROOT / "copier.yml", repo / "copier.yml")
        return
    archive = repo.parent / "old.tar"
    result = run(
        ["git", "archive", "-o", archive, source, "copier.yml", "extensions", "template"],
        REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert run(["tar", "-xf", archive], repo).returncode == 0
    archive.unlink()


def template_repo(root: Path, versions: Sequence[tuple[str, str | None]]) -> Path:
    """A git repository holding the template at each ``(tag, source)`` in turn."""
    repo = root / "harness-template"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for tag, source in versions:
        template_snapshot(repo, source)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", f"feat: harness {tag}")
        git(repo, "tag", tag)
    return repo


def copy_project(
    template: Path, project: Path, env: Mapping[str, str], tag: str, *data: str
) -> Path:
    arguments = ["copy", "--trust", "--defaults", "--vcs-ref", tag]
    for item in data:
        arguments += ["--data", item]
    result = copier(project.parent, env, *arguments, str(template), str(project))
    assert result.returncode == 0, result.stderr
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", f"chore: render from Harness {tag}")
    return project


def update(project: Path, env: Mapping[str, str], tag: str, *data: str) -> None:
    arguments = ["update", "--trust", "--defaults", "--vcs-ref", tag]
    for item in data:
        arguments += ["--data", item]
    result = copier(project, env, *arguments)
    assert result.returncode == 0, result.stderr
    # A marker line the update added (the update workflow itself greps for the marker text).
    markers = re.findall(r"^\+<<<<<<< ", git(project, "diff"), flags=re.MULTILINE)
    assert not markers, "the update left conflict markers"
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "chore: update Harness")


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    return uv_environment(DEFAULT_PYTHON)


@pytest.mark.full
def test_changing_the_selection_adds_and_removes_agents(
    tmp_path: Path, env: dict[str, str]
) -> None:
    template = template_repo(tmp_path, [("v1.0.0", None)])
    project = copy_project(template, tmp_path / "my-service", env, "v1.0.0")
    check_selection(project, DEFAULT_AGENTS)

    # Codex goes, Cursor and Copilot come; the CI that checks the agents' settings stays green.
    update(project, env, "v1.0.0", "agents=[claude, cursor, copilot]")
    check_selection(project, ("claude", "cursor", "copilot"))
    synced = run([UV, "sync", "--frozen"], project, env)
    assert synced.returncode == 0, synced.stderr
    ci = run([UV, "run", "--frozen", "-m", "harness", "ci"], project, env)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    assert "0 failed" in ci.stdout

    # No agent at all: every agent file goes, the shared guard package and AGENTS.md stay.
    update(project, env, "v1.0.0", "agents=[]")
    check_selection(project, ())
    tests = run([UV, "run", "--frozen", "pytest", "-q", "--no-cov", "tests/harness"], project, env)
    assert tests.returncode == 0, tests.stdout + tests.stderr


@pytest.mark.full
def test_a_project_older_than_the_question_keeps_all_five_agents(
    tmp_path: Path, env: dict[str, str]
) -> None:
    old = f"{question_commit()}~1"
    template = template_repo(tmp_path, [("v1.0.0", old), ("v2.0.0", None)])
    project = copy_project(template, tmp_path / "my-service", env, "v1.0.0")
    assert "agents" not in yaml.safe_load((project / ".copier-answers.yml").read_text())
    rendered = agent_files_present(project)
    assert all(rendered[name] for name in rendered if name not in ADDED_AFTER_THE_QUESTION), (
        "the old template rendered every agent"
    )

    update(project, env, "v2.0.0")
    check_selection(project, AGENTS)
