"""Whose file is it? Every rendered file belongs to the team, to Harness, to both, or to the tools.

A file Harness owns says so in its first line, in its language's comment syntax; a JSON file,
which cannot hold a comment, is named in the README's ownership map instead. The map names every
group of paths below, and every path it names exists, so the map and the files cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from extensions.harness import AGENTS

from .conftest import render

HEADER = "Owned by Harness: change it upstream, or expect copier update to merge your edits."
MAP_HEADING = "## What is yours, what is Harness's"


@dataclass(frozen=True)
class Group:
    """A group of paths as the README map names it: ``label``, matched by ``patterns``.

    A pattern ending in ``/`` is a directory (everything below it); any other is one file.
    ``{package}`` stands for the package name.
    """

    label: str
    patterns: tuple[str, ...]

    def matches(self, path: str, package: str) -> bool:
        for pattern in self.patterns:
            pattern = pattern.format(package=package)
            if path == pattern or (pattern.endswith("/") and path.startswith(pattern)):
                return True
        return False


def groups(*entries: str | tuple[str, ...]) -> tuple[Group, ...]:
    """One group per entry: a path is its own label; a tuple is (label, *patterns)."""
    return tuple(
        Group(entry, (entry,)) if isinstance(entry, str) else Group(entry[0], entry[1:])
        for entry in entries
    )


# The machinery: Harness maintains it, `copier update` brings its changes.
HARNESS = groups(
    "harness/",
    "tests/harness/",
    ".claude/hooks/",
    ".github/workflows/",
    ".github/branch-protection/",
    ".github/dependabot.yml",
    ".github/hooks/",
    ".pre-commit-config.yaml",
    ".gitleaks.toml",
    ".gitattributes",
    "docs/SECURITY.md",
    "AGENTS.md",
    "CLAUDE.md",
    ".claude/settings.json",
    ".codex/",
    ".cursor/",
    ".gemini/",
    "Dockerfile",
    ".dockerignore",
    "docker-compose.yml",
    "compose-init/",
)
# The service and the team's own settings: Harness only started them.
TEAM = groups(
    ("src/{package}/", "src/{package}/"),
    ("tests/", "tests/"),  # after tests/harness/, which HARNESS claims first
    "frontend/",
    "migrations/",
    "alembic.ini",
    "README.md",
    "SECURITY.md",
    "LICENSE",
    ".env.example",
    ".gitignore",
    ".python-version",
    ".github/CODEOWNERS",
    ".github/security/pip-audit-ignore.txt",
    ".gitleaksignore",
    ".secretsignore",
    ".vscode/",
    ".claude/agents/",
    ".claude/commands/",
    ".claude/skills/",
)
# Split by section: the team's dependencies and CI jobs, Harness's tool settings and job types.
# Claimed before HARNESS, whose harness/ would take harness/jobs.py.
SHARED = groups("pyproject.toml", "harness/jobs.py")
# Written by the tools, edited by neither: Copier's record of the answers (uv.lock is made by uv
# after the render, so a render without tasks has none).
TOOLS = groups(".copier-answers.yml", "uv.lock")

COMMENT = {".py": "# ", ".yml": "# ", ".yaml": "# ", ".toml": "# ", ".sh": "# ", ".md": "<!-- "}
# Files whose name is their language.
COMMENT_BY_NAME = {"Dockerfile": "# ", ".dockerignore": "# ", ".gitattributes": "# "}
# A line that must stay first for the file to work: a shebang or a Dockerfile parser directive.
MUST_BE_FIRST = re.compile(r"#!|# syntax=")


def header_line(path: Path) -> str | None:
    """The ownership line in ``path``'s comment syntax; None for JSON, which has none."""
    if path.suffix == ".json":
        return None
    opener = COMMENT_BY_NAME.get(path.name) or COMMENT[path.suffix]
    return f"{opener}{HEADER} -->" if opener == "<!-- " else f"{opener}{HEADER}"


def owner(path: str, package: str) -> str:
    """The first kind of owner whose groups claim ``path``; every rendered file must have one."""
    kinds = (("shared", SHARED), ("harness", HARNESS), ("tools", TOOLS), ("team", TEAM))
    for kind, claims in kinds:
        if any(group.matches(path, package) for group in claims):
            return kind
    raise AssertionError(f"{path}: no owner; add it to a group here and to the README map")


def rendered_files(project: Path) -> list[str]:
    return sorted(
        path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file()
    )


def missing_headers(project: Path, package: str) -> list[str]:
    """Every Harness file without the ownership line where it belongs."""
    problems = []
    for name in rendered_files(project):
        if owner(name, package) != "harness":
            continue
        path = project / name
        expected = header_line(path)
        if expected is None:
            continue
        lines = path.read_text().splitlines()[:2]
        first_allowed = 1 if lines and MUST_BE_FIRST.match(lines[0]) else 0
        if expected not in lines[first_allowed : first_allowed + 1]:
            problems.append(name)
    return problems


def misplaced_headers(project: Path, package: str) -> list[str]:
    """Every file that says Harness owns it although Harness does not."""
    return [
        name
        for name in rendered_files(project)
        if owner(name, package) != "harness"
        and not name.endswith((".json", ".lock"))
        and HEADER in (project / name).read_text(errors="ignore")
    ]


def ownership_map(project: Path) -> str:
    readme = (project / "README.md").read_text()
    assert MAP_HEADING in readme, "the README has no ownership map"
    section = readme.split(MAP_HEADING, 1)[1]
    return section.split("\n## ", 1)[0]


def map_problems(project: Path, package: str) -> list[str]:
    """Groups with rendered files the map leaves out, JSON files it does not name, stale paths."""
    section = ownership_map(project)
    names = rendered_files(project)
    problems = []
    every_group = (*HARNESS, *TEAM, *SHARED, *TOOLS)
    for group in every_group:
        label = group.label.format(package=package)
        present = any(group.matches(name, package) for name in names)
        if present and f"`{label}`" not in section:
            problems.append(f"group {label} is not in the map")
    for name in names:
        is_harness_json = name.endswith(".json") and owner(name, package) == "harness"
        if is_harness_json and f"`{name}`" not in section:
            problems.append(f"JSON file {name} is not in the map")
    # Every path the map names exists (uv.lock only after the lock task, skipped here).
    for quoted in re.findall(r"`([^`\s]+)`", section):
        not_a_path = "/" not in quoted and "." not in quoted
        if not_a_path or quoted.startswith(("[", "-")) or "=" in quoted or quoted == "uv.lock":
            continue
        if not (project / quoted.rstrip("/")).exists():
            problems.append(f"the map names {quoted}, which this project does not have")
    return problems


EVERYTHING = {
    "include_frontend": True,
    "include_agent": True,
    "include_container": True,
    "include_database": True,
    "agents": list(AGENTS),
}
NOTHING: Mapping[str, object] = {"include_agent": False, "agents": []}


@pytest.fixture(
    scope="module",
    params=[
        pytest.param({}, id="default"),
        pytest.param(EVERYTHING, id="everything"),
        pytest.param(NOTHING, id="nothing"),
    ],
)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("owned") / "project", request.param)


PACKAGE = "my_service"


def test_every_rendered_file_has_an_owner(project: Path) -> None:
    kinds = {owner(name, PACKAGE) for name in rendered_files(project)}
    assert kinds >= {"harness", "team", "shared", "tools"}


def test_every_harness_file_says_so_in_its_first_line(project: Path) -> None:
    assert missing_headers(project, PACKAGE) == []


def test_no_team_file_claims_to_be_harness_s(project: Path) -> None:
    assert misplaced_headers(project, PACKAGE) == []


def test_the_readme_maps_every_group_and_names_every_json_file(project: Path) -> None:
    assert map_problems(project, PACKAGE) == []


def test_a_missing_header_is_caught(tmp_path: Path) -> None:
    project = render(tmp_path / "project")
    workflow = project / ".github" / "workflows" / "ci.yml"
    lines = workflow.read_text().splitlines(keepends=True)
    workflow.write_text("".join(line for line in lines if HEADER not in line))
    pushed_down = project / "tests" / "harness" / "conftest.py"
    pushed_down.write_text('"""Moved."""\n' + pushed_down.read_text())
    assert missing_headers(project, PACKAGE) == [
        ".github/workflows/ci.yml",
        "tests/harness/conftest.py",
    ]


def test_a_team_file_claiming_ownership_is_caught(tmp_path: Path) -> None:
    project = render(tmp_path / "project")
    route = project / "src" / PACKAGE / "api" / "routes" / "health.py"
    route.write_text(f"# {HEADER}\n" + route.read_text())
    assert misplaced_headers(project, PACKAGE) == [f"src/{PACKAGE}/api/routes/health.py"]


def test_a_map_that_drifts_is_caught(tmp_path: Path) -> None:
    project = render(tmp_path / "project")
    readme = project / "README.md"
    text = readme.read_text()
    section = ownership_map(project)
    drifted = (
        section.replace("`.github/branch-protection/main.json`", "main")
        .replace("`harness/`", "the runner")
        .replace("`.gitleaks.toml`", "`.gitleaks.toml`, `.semgrep.yml`")
    )
    readme.write_text(text.replace(section, drifted))
    assert map_problems(project, PACKAGE) == [
        "group harness/ is not in the map",
        "JSON file .github/branch-protection/main.json is not in the map",
        "the map names .semgrep.yml, which this project does not have",
    ]


def test_an_unowned_file_is_caught() -> None:
    with pytest.raises(AssertionError, match=r"notes\.txt: no owner"):
        owner("notes.txt", PACKAGE)
