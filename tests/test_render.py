"""Fast tier: every variant of the option matrix renders cleanly and every config file parses."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from extensions.harness import MAX_PACKAGE_NAME

from .conftest import DEFAULT_PYTHON, REPO_ROOT, TOOLS_DIR, render, run, uv_environment
from .variants import CUSTOM_NAMES, Variant, option_matrix

# A Jinja marker left in the output; `${{ ... }}` is GitHub Actions syntax and is fine.
LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{|\{%|%\}|\{#")
MATRIX = option_matrix()


def text_files(root: Path) -> list[Path]:
    skipped = {".git", ".venv", "node_modules"}
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not skipped & set(path.relative_to(root).parts)
        and path.name != "uv.lock"
    ]


@pytest.fixture(scope="module", params=MATRIX, ids=[variant.id for variant in MATRIX])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    variant: Variant = request.param
    return render(tmp_path_factory.mktemp("render") / "project", variant.answers)


def test_no_leftover_jinja(rendered: Path) -> None:
    for path in text_files(rendered):
        relative = path.relative_to(rendered)
        assert not LEFTOVER_JINJA.search(str(relative)), relative
        if path.name == "LICENSE":
            continue
        text = path.read_text()
        match = LEFTOVER_JINJA.search(text)
        assert match is None, f"{relative}: {text[max(0, match.start() - 40) : match.end() + 40]!r}"


def test_config_files_parse(rendered: Path) -> None:
    parsed = 0
    for path in text_files(rendered):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text())
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(path.read_text())
        elif path.suffix == ".json":
            json.loads(path.read_text())
        else:
            continue
        parsed += 1
    assert parsed >= 2


def test_python_files_compile(rendered: Path) -> None:
    for path in text_files(rendered):
        if path.suffix == ".py":
            ast.parse(path.read_text(), filename=str(path))


def test_answers_file_records_the_answers(rendered: Path) -> None:
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text())
    assert answers["_src_path"]
    assert answers["project_slug"] == "my-service"


def test_template_internals_never_reach_the_project(rendered: Path) -> None:
    for name in ("copier.yml", "extensions", ".git", "template"):
        assert not (rendered / name).exists(), name


def test_optional_files_follow_the_options(rendered: Path) -> None:
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text())
    package = rendered / "src" / answers["package_name"]
    assert (package / "agent").is_dir() == answers["include_agent"]
    assert (rendered / "tests" / "test_agent.py").exists() == answers["include_agent"]
    pyproject = tomllib.loads((rendered / "pyproject.toml").read_text())
    dependencies = " ".join(pyproject["project"]["dependencies"])
    assert ("openai" in dependencies) == (
        answers["include_agent"] and answers.get("llm_provider") == "openai"
    )
    assert ("anthropic" in dependencies) == (
        answers["include_agent"] and answers.get("llm_provider") == "anthropic"
    )


def test_local_jobs_match_the_extension(rendered: Path) -> None:
    jobs_source = (rendered / "harness" / "jobs.py").read_text()
    assert 'key="lint"' in jobs_source
    assert 'name="Unit tests + coverage"' in jobs_source


def test_custom_names_reach_every_place_that_needs_them(tmp_path: Path) -> None:
    """Import name, distribution and repository are three answers; none stands in for another."""
    project = render(tmp_path / "project", {**CUSTOM_NAMES, "include_container": True})
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "acme-ledger-api"
    # uv_build looks for src/<normalised distribution name> unless it is told the module name.
    assert pyproject["tool"]["uv"]["build-backend"]["module-name"] == "billing"
    assert (project / "src" / "billing" / "__init__.py").is_file()
    assert pyproject["tool"]["importlinter"]["root_package"] == "billing"
    assert pyproject["tool"]["coverage"]["run"]["source"] == ["billing"]
    assert 'CMD ["python", "-m", "billing"]' in (project / "Dockerfile").read_text()
    for path in text_files(project):
        if path.name != "LICENSE":
            text = path.read_text()
            assert "my_service" not in text, path
            assert "my-service" not in text, path


def test_a_lock_that_cannot_succeed_fails_the_render(tmp_path: Path) -> None:
    """No "ready" message, a non-zero exit, one sentence on what to do, and nothing left behind."""
    destination = tmp_path / "project"
    env = uv_environment(DEFAULT_PYTHON)
    # An index nobody listens on, and an empty cache, so neither the index nor the cache can lock.
    env["UV_DEFAULT_INDEX"] = "http://127.0.0.1:9/simple"
    env["UV_CACHE_DIR"] = str(tmp_path / "empty-cache")
    copier = TOOLS_DIR / "copier"
    argv: list[str | Path] = [
        *(copier, "copy", "--trust", "--defaults", "--vcs-ref", "HEAD"),
        *(REPO_ROOT, destination),
    ]
    result = run(argv, tmp_path, env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "is ready" not in output
    assert "`uv lock` failed (uv's error is above), so the project has no uv.lock." in output
    assert "add `--skip-tasks` to render without uv.lock" in output
    assert not destination.exists()


def test_code_owners_and_authors_come_from_the_answers_and_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    project = render(tmp_path / "project", {"code_owner": "@acme/platform @ada"})
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["authors"] == [{"name": "Ada Lovelace", "email": "ada@example.org"}]
    assert "Copyright (c) Ada Lovelace" in (project / "LICENSE").read_text()
    owners = (project / ".github" / "CODEOWNERS").read_text()
    rules = [line.split() for line in owners.splitlines() if line and not line.startswith("#")]
    assert rules
    assert all(rule[1:] == ["@acme/platform", "@ada"] for rule in rules), rules


# The longest answer each question accepts where it lands in Python code.
LONGEST_NAMES = {
    "project_name": "Long Name " * 7 + "Longest",
    "package_name": "p" * MAX_PACKAGE_NAME,
    "project_slug": "s" * 63,
    "github_owner": "o" * 39,
    "repository_name": "r" * 100,
    "code_owner": "@" + "o" * 39 + "/" + "t" * 100,
}


@pytest.mark.parametrize("names", [LONGEST_NAMES, {"project_name": "A", "package_name": "a"}])
def test_the_longest_and_shortest_names_keep_ruff_green(
    tmp_path: Path, names: dict[str, str]
) -> None:
    """Every option on, so every file that pastes a name is there; ruff as the project runs it."""
    answers = {
        **names,
        "include_frontend": True,
        "include_container": True,
        "include_database": True,
    }
    project = render(tmp_path / "project", answers)
    ruff = TOOLS_DIR / "ruff"
    commands: list[list[str | Path]] = [
        [ruff, "check", "--quiet", "."],
        [ruff, "format", "--check", "--quiet", "."],
    ]
    for argv in commands:
        result = run(argv, project)
        assert result.returncode == 0, result.stdout + result.stderr
