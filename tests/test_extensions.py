"""Unit tests of the template's extensions: derived values and the one list of CI jobs."""

from __future__ import annotations

import itertools
import re

import pytest

from extensions.harness import (
    HarnessContext,
    ci_jobs,
    derived_values,
    identifier,
    llm_provider_class,
    slugify,
)


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


@pytest.mark.parametrize(
    ("frontend", "agent", "container"), list(itertools.product([False, True], repeat=3))
)
def test_job_keys_and_check_names_are_unique(frontend: bool, agent: bool, container: bool) -> None:
    jobs = ci_jobs(frontend=frontend, agent=agent, container=container)
    assert len({job.key for job in jobs}) == len(jobs)
    assert len({job.name for job in jobs}) == len(jobs)
    assert {"lint", "typecheck", "architecture", "tests"} <= {job.key for job in jobs}


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
