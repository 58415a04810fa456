"""Property test over the whole answer space: a refusal leaves nothing, an acceptance parses.

Hypothesis draws every option combination together with free-text answers built from the
characters that break generated files (quotes, backslashes, apostrophes, Jinja-looking text,
Markdown and HTML punctuation, non-ASCII letters, very long values) and from characters the
validators must refuse (control, invisible and direction-changing ones). For each draw:

* when a validator refuses an answer, Copier raises with that one sentence and the destination
  does not exist;
* otherwise every generated ``.py`` compiles, every TOML, YAML and JSON file loads, and each
  answer reads back unchanged where it was written (never evaluated as Jinja).

The fast tier runs a bounded number of examples without the copy task; the full tier more.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from extensions.harness import (
    AGENTS,
    author_name_problem,
    code_owner_problem,
    description_problem,
    email_problem,
    identifier,
    package_name_problem,
    project_name_problem,
    repository_problem,
    slug_problem,
    slugify,
)

from .conftest import TOOLS_DIR, render, run, uv_environment

# The file each coding agent loads the hooks from: rendered exactly for the chosen agents.
AGENT_HOOK_CONFIGS = {
    "claude": ".claude/settings.json",
    "codex": ".codex/hooks.json",
    "gemini": ".gemini/settings.json",
    "cursor": ".cursor/hooks.json",
    "copilot": ".github/hooks/harness.json",
}

FRAGMENTS = [
    '"',
    "'",
    "\u2019",
    "\\",
    '"""',
    "{{ 7 * 7 }}",
    "{% if true %}",
    "{#",
    "${{ github.token }}",
    "<b>",
    "&amp;",
    "*",
    "_",
    "`",
    "#",
    "|",
    "-",
    "1.",
    "Caf\u00e9",
    "\u65e5\u672c",
    "\U0001f600",
    "https://example.com/x",
    "Acme",
    "Ledger",
]
# Letters, marks, digits, punctuation and symbols: everything visible, in any script.
VISIBLE = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S"])
words = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=VISIBLE, min_size=1, max_size=12))


def free_text(limit: int) -> st.SearchStrategy[str]:
    """Text the questions accept: visible words joined by single spaces, up to ``limit`` long."""
    joined = st.lists(words, min_size=1, max_size=8).map(" ".join)
    long = st.integers(min_value=1, max_value=limit // 10).map(lambda n: "Long name " * n)
    return st.one_of(joined, joined, long).map(lambda text: " ".join(text[:limit].split()) or "x")


# One answer the validators must refuse: (question, value).
REFUSED: list[tuple[str, object]] = [
    ("project_name", "Evil\u202eName"),
    ("project_name", "Zero\u200bWidth"),
    ("project_name", "two  spaces"),
    ("project_name", "x" * 81),
    ("project_name", "!!!"),
    ("description", "line one\nline two"),
    ("description", "bell\x07"),
    ("description", "\u2066isolated\u2069"),
    ("author_name", "tab\there"),
    ("author_name", "no\u00a0break"),
    ("author_email", "bad@"),
    ("project_slug", "fastapi"),
    ("project_slug", "Bad_Slug"),
    ("package_name", "pydantic"),
    ("package_name", "json"),
    ("package_name", "class"),
    ("code_owner", "acme"),
    ("code_owner", "@a/b/c"),
    ("repository_name", "bad name"),
    ("coverage_threshold", 20),
]

valid_answers = st.fixed_dictionaries(
    {
        # A name needs an ASCII letter or digit for its slug; "Acme" gives it one.
        "project_name": free_text(75).map(
            lambda name: name if any(c.isascii() and c.isalnum() for c in name) else name + " Acme"
        ),
        "description": free_text(300),
        "author_name": free_text(100),
        "include_frontend": st.booleans(),
        "include_agent": st.booleans(),
        "include_container": st.booleans(),
        "include_database": st.booleans(),
        "llm_provider": st.sampled_from(["openai", "anthropic"]),
        "license": st.sampled_from(["MIT", "Apache-2.0", "BSD-3-Clause", "Proprietary"]),
        "python_version": st.sampled_from(["3.11", "3.12", "3.13", "3.14"]),
        "coverage_threshold": st.integers(min_value=50, max_value=100),
        "agents": st.lists(st.sampled_from(AGENTS), unique=True),
    },
    optional={
        "author_email": st.sampled_from(["a.b+c@example.co.uk", "dev_team@ex-ample.org"]),
        "project_slug": st.sampled_from(["acme-ledger", "a"]),
        "package_name": st.sampled_from(["ledger", "acme_ledger2"]),
        "code_owner": st.sampled_from(["@acme/platform", "@alice @bob"]),
        "repository_name": st.sampled_from(["ledger.api", "Ledger_2"]),
    },
)


@st.composite
def answers_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """Valid answers for every option; half the time, one of them replaced by a refused one."""
    answers = draw(valid_answers)
    if draw(st.booleans()):
        question, value = draw(st.sampled_from(REFUSED))
        answers[question] = value
    return answers


def md_unescape(text: str) -> str:
    """What Markdown displays for backslash-escaped text: each escaped punctuation mark itself."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def expected_refusal(answers: Mapping[str, Any]) -> str:
    """The first sentence a validator gives for these answers, in Copier's question order."""
    name = str(answers["project_name"])
    checks = [
        project_name_problem(name),
        slug_problem(str(answers.get("project_slug", slugify(name)))),
        package_name_problem(str(answers.get("package_name", identifier(name)))),
        description_problem(str(answers["description"])),
        author_name_problem(str(answers["author_name"])),
        email_problem(str(answers.get("author_email", "you@example.com"))),
        code_owner_problem(str(answers.get("code_owner", "@your-org"))),
    ]
    if "repository_name" in answers:
        checks.append(repository_problem(str(answers["repository_name"])))
    threshold = answers["coverage_threshold"]
    if not 50 <= threshold <= 100:
        checks.append("coverage")
    return next((problem for problem in checks if problem), "")


def check_accepted(project: Path, answers: Mapping[str, Any]) -> None:
    """Every file parses, and every answer reads back unchanged where it was written."""
    for path in project.rglob("*"):
        if not path.is_file() or "node_modules" in path.parts:
            continue
        if path.suffix == ".py":
            compile(path.read_text(), str(path), "exec")
        elif path.suffix == ".toml":
            tomllib.loads(path.read_text())
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(path.read_text())
        elif path.suffix == ".json":
            json.loads(path.read_text())

    name, description, author = (
        answers["project_name"],
        answers["description"],
        answers["author_name"],
    )
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert pyproject["description"] == description
    assert pyproject["authors"][0]["name"] == author

    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert (recorded["project_name"], recorded["description"]) == (name, description)
    # Copier records the chosen agents in the question's order, whatever order they came in.
    assert recorded["agents"] == [agent for agent in AGENTS if agent in answers["agents"]]
    for agent, hook_config in AGENT_HOOK_CONFIGS.items():
        assert (project / hook_config).is_file() == (agent in answers["agents"]), hook_config

    readme = (project / "README.md").read_text().splitlines()
    assert md_unescape(readme[0]) == f"# {name}"
    assert md_unescape(readme[2]) == description
    if answers["license"] != "Apache-2.0":  # Apache's text names no copyright holder
        assert author in (project / "LICENSE").read_text()

    package = project / "src" / recorded["package_name"]
    main = ast.parse((package / "main.py").read_text())
    titles = [
        keyword.value
        for node in ast.walk(main)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "title"
    ]
    assert [ast.literal_eval(title) for title in titles] == [name]

    if answers["include_frontend"]:
        frontend = project / "frontend"
        config = (frontend / "src" / "config.ts").read_text()
        literal = config.split("export const PROJECT_NAME = ", 1)[1].rstrip().removesuffix(";")
        assert json.loads(literal) == name
        page = (frontend / "index.html").read_text()
        assert html.unescape(page.split("<title>")[1].split("</title>")[0]) == name


def ruff_is_clean(project: Path) -> None:
    """The rendered Python passes ruff's lint and format check with the project's own config."""
    ruff = TOOLS_DIR / "ruff"
    commands: list[list[str | Path]] = [
        [ruff, "check", "--quiet", "."],
        [ruff, "format", "--check", "--quiet", "."],
    ]
    for argv in commands:
        result = run(argv, project)
        assert result.returncode == 0, result.stdout + result.stderr


def check_one(answers: dict[str, Any], *, lint: bool) -> None:
    refusal = expected_refusal(answers)
    event("refused" if refusal else "accepted")
    scratch = Path(tempfile.mkdtemp(prefix="harness-answers-"))
    destination = scratch / "project"
    try:
        if refusal:
            with pytest.raises(ValueError, match="Validation error") as raised:
                render(destination, answers)
            message = str(raised.value)
            if refusal != "coverage":
                assert refusal in message
            assert "\n" not in message
            assert not destination.exists()
        else:
            render(destination, answers)
            check_accepted(destination, answers)
            if lint:
                ruff_is_clean(destination)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


FAST = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
    database=None,  # no .hypothesis directory in the template's tree
    # Each example renders a project (about a second): shrinking a failure would take minutes,
    # so the fast tier reports the failing answers as drawn.
    phases=[Phase.explicit, Phase.generate],
)


@FAST
@given(answers=answers_strategy())
def test_any_answers_render_a_parsing_project_or_a_one_sentence_refusal(
    answers: dict[str, Any],
) -> None:
    check_one(answers, lint=True)


@pytest.mark.full
@settings(
    max_examples=60,  # about 3.5 minutes on 2 cores
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    phases=[Phase.explicit, Phase.generate],
)
@given(answers=answers_strategy())
def test_many_answers_render_a_parsing_project_or_a_one_sentence_refusal(
    answers: dict[str, Any],
) -> None:
    check_one(answers, lint=True)


# ---------------------------------------------------------------------------------------------
# The list of names a project uses stays complete (full tier: it locks and installs).

LIST_DUMP = (
    "import importlib.metadata as m, json;print(json.dumps(sorted(m.packages_distributions())))"
)


@pytest.mark.full
@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_every_locked_or_installed_name_is_refused(tmp_path: Path, provider: str) -> None:
    """A lock that brings a new package fails here, with the names to add to locked_names.txt."""
    answers = {
        "include_container": True,
        "include_frontend": True,
        "include_database": True,
        "llm_provider": provider,
    }
    project = render(tmp_path / "project", answers, tasks=True)
    lock = tomllib.loads((project / "uv.lock").read_text())
    names = {package["name"] for package in lock["package"]} - {"my-service"}
    env = uv_environment("3.13")
    synced = run([TOOLS_DIR / "uv", "sync", "--frozen"], project, env)
    assert synced.returncode == 0, synced.stderr
    dumped = run([TOOLS_DIR / "uv", "run", "--frozen", "python", "-c", LIST_DUMP], project, env)
    assert dumped.returncode == 0, dumped.stderr
    modules = {
        name
        for name in json.loads(dumped.stdout)
        if name.isidentifier() and not name.startswith("_") and "mypyc" not in name
    } - {"my_service"}
    missing = sorted(
        {name for name in names if slug_problem(name) == ""}
        | {name for name in modules if name.islower() and package_name_problem(name) == ""}
    )
    assert not missing, f"add to extensions/locked_names.txt: {' '.join(missing)}"
