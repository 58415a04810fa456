"""Every validator accepts good answers and rejects bad ones with one clear sentence."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from extensions.harness import (
    coverage_problem,
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
