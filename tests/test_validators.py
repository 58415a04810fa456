"""Every validator accepts good answers and rejects bad ones with one clear sentence."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from extensions.harness import (
    author_name_problem,
    code_owner_problem,
    coverage_problem,
    dependency_names,
    description_problem,
    email_problem,
    github_handle_problem,
    package_name_problem,
    project_name_problem,
    repository_problem,
    slug_problem,
)

from .conftest import REPO_ROOT, run

Validator = Callable[[str], str]

GOOD: list[tuple[Validator, str]] = [
    (project_name_problem, "My Service"),
    (slug_problem, "my-service"),
    (slug_problem, "a"),
    (package_name_problem, "my_service"),
    (package_name_problem, "billing2"),
    (email_problem, "dev.team+ci@example.co.uk"),
    (github_handle_problem, "your-org"),
    (github_handle_problem, "A1"),
    (repository_problem, "my-service.api_v2"),
    (project_name_problem, 'Acme "Ledger" O\u2019Brien\'s \\ Caf\u00e9 {{ x }}'),
    (description_problem, "Bills <b>once</b> & *twice*; C:\\ paths {% if %} stay text."),
    (author_name_problem, "Zo\u00eb Ng\u1ee5y\u1ec5n"),
    (code_owner_problem, "@alice"),
    (code_owner_problem, "@acme/platform-team"),
    (code_owner_problem, "@alice @acme/platform"),
    (slug_problem, "acme-ledger-api"),
    (package_name_problem, "billing"),
]

BAD: list[tuple[Validator, str, str]] = [
    (project_name_problem, "   ", "must not be empty"),
    (project_name_problem, "!!!", "at least one ASCII letter"),
    (slug_problem, "My-Service", "lowercase"),
    (slug_problem, "-service", "DNS-safe"),
    (slug_problem, "a" * 64, "1-63"),
    (slug_problem, "../etc", "must not contain '/'"),
    (package_name_problem, "class", "keyword"),
    (package_name_problem, "match", "keyword"),
    (package_name_problem, "json", "shadow the standard-library"),
    (package_name_problem, "my-service", "not a valid Python identifier"),
    (package_name_problem, "2fast", "not a valid Python identifier"),
    (package_name_problem, "MyService", "lowercase"),
    (package_name_problem, "a/b", "must not contain '/'"),
    (package_name_problem, "harness", "project's own tooling"),
    (email_problem, "not-an-email", "does not look like an email"),
    (email_problem, "a@b", "does not look like an email"),
    (email_problem, "a b@example.com", "does not look like an email"),
    (github_handle_problem, "-org", "not a valid GitHub handle"),
    (github_handle_problem, "a--b", "not a valid GitHub handle"),
    (github_handle_problem, "x" * 40, "not a valid GitHub handle"),
    (github_handle_problem, "org/repo", "must not contain '/'"),
    (repository_problem, "..", "must not contain '..'"),
    (repository_problem, "my repo", "not a valid GitHub repository name"),
    (repository_problem, "a\\b", "must not contain"),
    # Text that is not one line of visible characters.
    (project_name_problem, "Good\u202eName", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    (project_name_problem, "Good\u2066Name", "reorders the text"),
    (description_problem, "first\u200fsecond", "reorders the text"),
    (project_name_problem, "Zero\u200bWidth", "invisible or unassigned"),
    (author_name_problem, "Soft\u00adHyphen", "invisible or unassigned"),
    (description_problem, "line one\nline two", "must be a single line"),
    (description_problem, "line one\u2028line two", "must be a single line"),
    (author_name_problem, "tab\there", "control character U+0009"),
    (project_name_problem, "bell\x07", "control character"),
    (project_name_problem, "no\u00a0break", "use ordinary spaces"),
    (project_name_problem, " Leading", "must not start or end with a space"),
    (description_problem, "two  spaces", "two spaces in a row"),
    (project_name_problem, "x" * 81, "at most 80 characters"),
    (description_problem, "y" * 301, "at most 300 characters"),
    (description_problem, "   ", "must not be empty"),
    (author_name_problem, "", "must not be empty"),
    # Names the project already uses for something else.
    (slug_problem, "fastapi", "the project depends on or installs"),
    (slug_problem, "starlette", "the project depends on or installs"),
    (slug_problem, "uv-build", "the project depends on or installs"),
    (package_name_problem, "pydantic", "the project depends on or installs"),
    (package_name_problem, "yaml", "the project depends on or installs"),
    (package_name_problem, "pytest", "the project depends on or installs"),
    (slug_problem, "harness", "project's own tooling"),
    (package_name_problem, "frontend", "project's own tooling"),
    (email_problem, "a*b@example.com", "does not look like an email"),
    (email_problem, "a@example.com\n", "does not look like an email"),
    (slug_problem, "my-service\n", "not a valid slug"),
    (github_handle_problem, "your-org\n", "not a valid GitHub handle"),
    (repository_problem, "ledger\n", "not a valid GitHub repository name"),
    (code_owner_problem, "your-org", "@user for a person or @org/team"),
    (code_owner_problem, "@acme/", "@user for a person or @org/team"),
    (code_owner_problem, "@a/b/c", "@user for a person or @org/team"),
    (code_owner_problem, "@alice  @bob", "separated by single spaces"),
    (code_owner_problem, "", "one or more code owners"),
]


@pytest.mark.parametrize(("validator", "value"), GOOD, ids=lambda v: getattr(v, "__name__", v))
def test_good_answers_pass(validator: Validator, value: str) -> None:
    assert validator(value) == ""


@pytest.mark.parametrize(
    ("validator", "value", "fragment"), BAD, ids=lambda v: getattr(v, "__name__", str(v)[:20])
)
def test_bad_answers_get_one_clear_sentence(
    validator: Validator, value: str, fragment: str
) -> None:
    message = validator(value)
    assert fragment in message
    assert message.endswith(".")
    assert "\n" not in message


def test_a_refusal_quotes_invisible_characters_visibly() -> None:
    message = slug_problem("bad\u202eslug")
    assert "\\u202e" in message
    assert "\u202e" not in message


def test_every_direct_dependency_of_the_template_is_refused() -> None:
    """The list comes from the template's pyproject, so a new dependency is refused at once."""
    names = dependency_names()
    assert {"fastapi", "pydantic", "uvicorn", "openai", "anthropic", "ruff", "mypy"} <= names
    assert {"pytest", "uv-build", "import-linter", "schemathesis"} <= names


@pytest.mark.parametrize("value", [49, 101, True, "75", -1])
def test_coverage_threshold_range(value: object) -> None:
    assert "50 to 100" in coverage_problem(value)


@pytest.mark.parametrize("value", [50, 75, 100])
def test_coverage_threshold_accepts_whole_percentages(value: int) -> None:
    assert coverage_problem(value) == ""


@pytest.mark.parametrize(
    ("answer", "sentence"),
    [
        ("package_name=class", "'class' is a Python keyword"),
        ("project_slug=../escape", "must not contain '/'"),
        ("author_email=nobody", "does not look like an email address"),
        ("coverage_threshold=20", "from 50 to 100"),
        ("project_slug=fastapi", "'fastapi' is the name of a package the project depends on"),
        ("project_name=Evil\u202eName", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("code_owner=your-org", "@org/team for a team"),
    ],
)
def test_copier_refuses_a_bad_answer_and_leaves_nothing(
    tmp_path: Path, answer: str, sentence: str
) -> None:
    destination = tmp_path / "project"
    copier = Path(sys.executable).parent / "copier"
    result = run(
        [
            copier,
            "copy",
            "--trust",
            "--defaults",
            "--vcs-ref",
            "HEAD",
            "--data",
            answer,
            REPO_ROOT,
            destination,
        ],
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert sentence in result.stderr + result.stdout
    assert not destination.exists()
