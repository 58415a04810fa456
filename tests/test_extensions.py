"""Unit tests of the template's extensions: derived values and the one list of CI jobs."""

from __future__ import annotations

import ast
import html
import itertools
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from extensions.harness import (
    HarnessContext,
    ci_jobs,
    derived_values,
    from_git_config,
    html_text,
    identifier,
    json_str,
    llm_provider_class,
    md_text,
    py_str,
    ruff_overlong,
    slug_problem,
    slugify,
    toml_str,
    yaml_str,
)

from .test_answers_property import md_unescape


@pytest.mark.parametrize(
    ("name", "slug", "package"),
    [
        ("My Service", "my-service", "my_service"),
        ("  Café API!  ", "cafe-api", "cafe_api"),
        ("3D Printer", "3d-printer", "app_3d_printer"),
        ("already-slugged", "already-slugged", "already_slugged"),
    ],
)
def test_defaults_chain_from_the_project_name(name: str, slug: str, package: str) -> None:
    assert slugify(name) == slug
    assert identifier(name) == package


def test_a_long_name_still_gives_a_valid_default_slug() -> None:
    slug = slugify("Word-" * 20 + " tail")
    assert len(slug) <= 63
    assert slug == slug.strip("-")
    assert slug_problem(slug) == ""


@pytest.mark.parametrize(
    ("frontend", "agent", "container", "database"),
    list(itertools.product([False, True], repeat=4)),
)
def test_job_keys_and_check_names_are_unique(
    frontend: bool, agent: bool, container: bool, database: bool
) -> None:
    jobs = ci_jobs(frontend=frontend, agent=agent, container=container, database=database)
    assert len({job.key for job in jobs}) == len(jobs)
    assert len({job.name for job in jobs}) == len(jobs)
    assert {"lint", "typecheck", "architecture", "tests"} <= {job.key for job in jobs}


def test_the_database_adds_its_gates_and_a_server_for_the_tests() -> None:
    without = ci_jobs(frontend=False, agent=True, container=False)
    with_database = ci_jobs(frontend=False, agent=True, container=False, database=True)
    added = [job.key for job in with_database if job not in without]
    assert added == ["tests", "migrations", "migrations-downgrade"]
    assert [job.key for job in with_database if job.database] == added
    assert not any(job.database for job in without)
    values = derived_values({"include_frontend": False, "include_database": True})
    assert {job["key"] for job in values["ci_jobs"] if job["database"]} == set(added)


def test_every_job_names_a_known_workflow() -> None:
    jobs = ci_jobs(frontend=True, agent=True, container=True)
    assert {job.workflow for job in jobs} <= {"ci", "security", "pr-title"}


def test_derived_values_tolerate_a_context_without_answers() -> None:
    values = derived_values({})
    assert [job["key"] for job in values["ci_jobs"]][:2] == ["lint", "typecheck"]
    assert values["llm_provider_class"] == ""


def test_provider_classes() -> None:
    assert llm_provider_class("openai") == "OpenAIProvider"
    assert llm_provider_class("anthropic") == "AnthropicProvider"


def test_context_hook_adds_values_only_once_answers_exist() -> None:
    hook = HarnessContext.__new__(HarnessContext)
    before: dict[str, object] = {"project_name": "x"}
    hook.hook(before)
    assert "ci_jobs" not in before
    after: dict[str, object] = {"include_frontend": False, "include_agent": True}
    hook.hook(after)
    assert isinstance(after["ci_jobs"], list)


def test_job_names_are_plain_text() -> None:
    """Names are written unquoted into YAML and inside quotes into JSON and Python."""
    jobs = ci_jobs(frontend=True, agent=True, container=True)
    for job in jobs:
        assert re.fullmatch(r"[A-Za-z0-9 &+/.()-]+", job.name), job.name
        assert not job.name.startswith(("&", "-")), job.name
        assert re.fullmatch(r"[a-z0-9-]+", job.key), job.key


# ---------------------------------------------------------------------------------------------
# Escaping: every filter's output, read back by its language's own parser, is the answer.

TRICKY = [
    "My Service",
    'Acme "Ledger"',
    "O'Brien's",
    'both " and \' quotes, "more" doubles',
    "back\\slash and trailing \\",
    "C:\\new\\table",
    'triple """ quotes',
    "Caf\u00e9 \u2014 \u00fcber \u65e5\u672c \U0001f600",
    "O\u2019Brien",
    "{{ 7 * 7 }} {% if x %} {# c #}",
    "<script>alert(1)</script> & &amp;",
    "*bold* _it_ `code` [link](x) | table # ! ~ $math$",
    "- looks like a list",
    "1986. looks like a numbered list",
    "=== underline",
    "a\x00b\x1f\x7f",
]


@pytest.mark.parametrize("text", TRICKY)
def test_python_literals_read_back_as_the_answer(text: str) -> None:
    literal = py_str(text)
    assert ast.literal_eval(literal) == text
    assert literal.isascii()


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("plain", '"plain"'),
        ('one " double', "'one \" double'"),
        ('it\'s "x"', "'it\\'s \"x\"'"),
        ("it's 'x' \"y\"", '"it\'s \'x\' \\"y\\""'),
        ("caf\u00e9 \u2019", '"caf\\xe9 \\u2019"'),
    ],
)
def test_python_literals_use_the_quotes_ruff_format_keeps(text: str, literal: str) -> None:
    """Double quotes unless the text holds more double quotes than single ones (ruff's rule)."""
    assert py_str(text) == literal


@pytest.mark.parametrize("text", TRICKY)
def test_toml_strings_read_back_as_the_answer(text: str) -> None:
    assert tomllib.loads(f"key = {toml_str(text)}\n")["key"] == text


@pytest.mark.parametrize("text", TRICKY)
def test_json_and_yaml_strings_read_back_as_the_answer(text: str) -> None:
    assert json.loads(json_str(text)) == text
    if text.isprintable():  # YAML streams may not hold control characters at all
        assert yaml.safe_load(f"key: {yaml_str(text)}\n")["key"] == text


@pytest.mark.parametrize("text", [*TRICKY, "line\u2028and\u2029paragraph separators"])
def test_json_strings_are_safe_inside_a_script(text: str) -> None:
    """No raw ``<``, ``>``, ``&`` or JavaScript line break: ``</script>`` cannot close a tag."""
    literal = json_str(text)
    assert json.loads(literal) == text
    assert not set("<>&\u2028\u2029") & set(literal), literal


def test_json_strings_escape_script_characters_as_unicode_escapes() -> None:
    assert json_str("</script> & \u2028") == '"\\u003c/script\\u003e \\u0026 \\u2028"'


@pytest.mark.parametrize("text", TRICKY)
def test_markdown_text_displays_as_the_answer(text: str) -> None:
    escaped = md_text(text)
    assert md_unescape(escaped) == text
    # No markup survives: every special character is escaped.
    unescaped_special = re.search(r"(?<!\\)[`*_{}\[\]<>#|!~&$]", escaped.replace("\\\\", ""))
    assert unescaped_special is None, escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("- item", "\\- item"), ("1986. year", "1986\\. year"), ("+ x", "\\+ x"), ("a-b", "a-b")],
)
def test_markdown_block_markers_at_the_start_are_escaped(text: str, escaped: str) -> None:
    assert md_text(text) == escaped


@pytest.mark.parametrize("text", TRICKY)
def test_html_text_displays_as_the_answer(text: str) -> None:
    escaped = html_text(text)
    assert html.unescape(escaped) == text
    assert not set("<>\"'") & set(escaped)


@pytest.mark.parametrize(
    ("line", "overlong"),
    [
        ("x" * 100, False),
        ("    title=" + "x" * 95, False),  # one word: ruff lets it be
        ("    title=" + "x y" * 40, True),
        ("    title='see " + "x" * 30 + " https://example.com/" + "p" * 60 + "'", False),
        ("    title='" + "x " * 50 + "https://example.com/p'", True),  # the URL starts too late
    ],
)
def test_the_noqa_decision_matches_ruffs_e501(line: str, overlong: bool) -> None:
    assert ruff_overlong(line) is overlong


def test_overlong_lines_are_judged_as_ruff_does(tmp_path: Path) -> None:
    """The rule above, checked against ruff itself on the lines it decides about."""
    ruff = Path(sys.executable).parent / "ruff"
    lines = [
        "title = " + py_str("Ab c" * 25),
        "title = " + py_str("Ab" * 60),
        "title = " + py_str("see https://example.com/" + "p" * 90),
        "title = " + py_str("x " * 40 + "https://example.com/" + "p" * 30),
    ]
    for line in lines:
        source = tmp_path / "line.py"
        source.write_text(line + "\n")
        result = subprocess.run(
            [ruff, "check", "--isolated", "--select", "E501", "--line-length", "100", source],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (result.returncode != 0) is ruff_overlong(line), (line, result.stdout)


# ---------------------------------------------------------------------------------------------
# Defaults from git


def git_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    config = tmp_path / "gitconfig"
    config.write_text(text)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)  # outside any repository, so no local config applies


def test_author_defaults_come_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_config_file(
        tmp_path, monkeypatch, "[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n"
    )
    assert from_git_config("user.name", "Your Name") == "Ada Lovelace"
    assert from_git_config("user.email", "you@example.com") == "ada@example.org"


def test_without_git_settings_the_placeholders_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config_file(tmp_path, monkeypatch, "")
    assert from_git_config("user.name", "Your Name") == "Your Name"
    assert from_git_config("user.email", "you@example.com") == "you@example.com"


def test_a_git_value_the_question_would_refuse_is_not_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config_file(tmp_path, monkeypatch, "[user]\n\tname = Eve\u202e\n\temail = root@localhost\n")
    assert from_git_config("user.name", "Your Name") == "Your Name"
    assert from_git_config("user.email", "you@example.com") == "you@example.com"


def test_without_git_at_all_the_placeholders_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert from_git_config("user.name", "Your Name") == "Your Name"
    assert from_git_config("core.editor", "vi") == "vi"  # only the keys a question asks for
