"""Derived values and validators for the Harness template.

Copier loads this file through copier-template-extensions (see ``_jinja_extensions`` in
``copier.yml``). It holds two Jinja extensions and the plain functions behind them:

* ``HarnessFilters`` registers filters used by ``copier.yml``: defaults that chain
  (``slugify``, ``identifier``) and validators that return one clear sentence or ``""``.
* ``HarnessContext`` adds derived values to the render context, most importantly
  ``ci_jobs``: the one list of CI jobs from which the rendered project's workflows, branch
  protection and local CI are all generated.

Keep this module small, typed and backward compatible: ``copier update`` renders the *old*
template version with whatever version of this file it ships, in the same process as the new
one, so nothing here may rely on module-level state shared between renders.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from copier_template_extensions import ContextHook
from jinja2 import Environment
from jinja2.ext import Extension

# ---------------------------------------------------------------------------------------------
# Derived defaults


def slugify(value: str) -> str:
    """Turn a human project name into a lowercase, DNS-safe slug: ``"My API!"`` -> ``"my-api"``."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def identifier(value: str) -> str:
    """Turn a project name into a Python package name: ``"My API"`` -> ``"my_api"``."""
    name = slugify(value).replace("-", "_")
    return f"app_{name}" if name[:1].isdigit() else name


# ---------------------------------------------------------------------------------------------
# Validators: each returns "" for a good answer, or one sentence that tells the user what to fix.

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_REPOSITORY = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_EMAIL = re.compile(
    r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)


def path_problem(value: str) -> str:
    """Answers that become file or directory names must not escape the project."""
    if "/" in value or "\\" in value:
        return "This answer becomes a path, so it must not contain '/' or '\\'."
    if ".." in value:
        return "This answer becomes a path, so it must not contain '..'."
    return ""


def project_name_problem(value: str) -> str:
    """The project name is free text, but it must give a usable slug."""
    if not value.strip():
        return "The project name must not be empty."
    if not slugify(value):
        return "The project name must contain at least one ASCII letter or digit."
    return ""


def slug_problem(value: str) -> str:
    """The slug names the distribution, the image and the compose service."""
    if problem := path_problem(value):
        return problem
    if not _SLUG.match(value):
        return (
            f"'{value}' is not a valid slug: use 1-63 lowercase letters, digits and hyphens, "
            "starting and ending with a letter or digit (it must be DNS-safe)."
        )
    return ""


def package_name_problem(value: str) -> str:
    """The package name becomes ``src/<package_name>`` and every import in the project."""
    if problem := path_problem(value):
        return problem
    if not value.isidentifier() or not value.isascii():
        return f"'{value}' is not a valid Python identifier: use letters, digits and underscores."
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return f"'{value}' is a Python keyword, so it cannot be imported; choose another name."
    if value != value.lower():
        return f"'{value}' must be lowercase (PEP 8 package names are lowercase)."
    if value in sys.stdlib_module_names:
        return f"'{value}' would shadow the standard-library module of the same name."
    if value in {"harness", "tests"}:
        return f"'{value}' is used by the project's own tooling; choose another name."
    return ""


def email_problem(value: str) -> str:
    """A plausible address: one '@', a dotted domain, no spaces."""
    if not _EMAIL.match(value):
        return f"'{value}' does not look like an email address (expected name@example.com)."
    return ""


def github_handle_problem(value: str) -> str:
    """GitHub user and organisation names: 1-39 alphanumerics and single inner hyphens."""
    if problem := path_problem(value):
        return problem
    if not _GITHUB_HANDLE.match(value):
        return (
            f"'{value}' is not a valid GitHub handle: use at most 39 letters, digits and single "
            "hyphens, not starting or ending with a hyphen."
        )
    return ""


def repository_problem(value: str) -> str:
    """GitHub repository names: letters, digits, '.', '-' and '_', never '.' or '..'."""
    if problem := path_problem(value):
        return problem
    if not _REPOSITORY.match(value) or value in {".", ".."}:
        return (
            f"'{value}' is not a valid GitHub repository name: use at most 100 letters, digits, "
            "'.', '-' and '_'."
        )
    return ""


def coverage_problem(value: object) -> str:
    """The coverage gate is a whole percentage between 50 and 100."""
    if isinstance(value, bool) or not isinstance(value, int) or not 50 <= value <= 100:
        return f"The coverage threshold must be a whole number from 50 to 100, not {value!r}."
    return ""


# ---------------------------------------------------------------------------------------------
# The one list of CI jobs


@dataclass(frozen=True)
class CiJob:
    """One CI job: the same entry point runs on GitHub and in the local CI.

    ``key`` is the local task (``uv run -m harness <key>``); ``name`` is the job's fixed
    ``name:`` in the workflow, which is also its required-check context in branch protection.
    ``needs_network`` jobs run for real on GitHub and show as skipped in an offline local run.
    """

    key: str
    name: str
    workflow: str
    needs_network: bool = False
    toolchain: str = "python"  # python | node | python+node
    timeout_minutes: int = 10
    # Local ordering only: the local runner starts this job once these have passed. On GitHub
    # every job runs on its own machine and prepares what it needs itself.
    needs: tuple[str, ...] = ()


BUILT = ("frontend-build",)  # installs node_modules and builds dist/ for the jobs after it


def ci_jobs(*, frontend: bool, agent: bool, container: bool) -> list[CiJob]:
    """Every CI job that exists for the chosen options, in the order CI shows them."""
    del agent  # the agent adds code and tests, not jobs; kept so callers need not change
    checks = [
        CiJob("lint", "Lint & Format", "ci"),
        CiJob("typecheck", "Type Check", "ci"),
        CiJob("architecture", "Architecture", "ci"),
        CiJob("tests", "Unit tests + coverage", "ci", timeout_minutes=15),
        # Locally after Type Check: its mypy hook then reuses the warm .mypy_cache.
        CiJob("pre-commit", "Pre-commit", "ci", needs=("typecheck",)),
    ]
    if frontend:
        checks += [
            CiJob("frontend-build", "Frontend Build", "ci", toolchain="node"),
            CiJob("frontend-quality", "Frontend Quality", "ci", toolchain="node", needs=BUILT),
            CiJob("api-client", "API client drift", "ci", toolchain="python+node", needs=BUILT),
            CiJob("e2e", "E2E", "ci", toolchain="python+node", timeout_minutes=15, needs=BUILT),
        ]
    if container:
        checks += [
            CiJob("container-lint", "Dockerfile lint", "ci"),
            # Building pulls base images: it needs the network and a Docker engine.
            CiJob("container-build", "Container Build", "ci", True, timeout_minutes=20),
        ]
    checks += [
        CiJob("protection-sync", "Branch-protection contexts sync", "ci", timeout_minutes=5),
        CiJob("commit-types", "Commit-type sync", "ci", timeout_minutes=5),
        CiJob("audit-exceptions", "pip-audit exceptions", "ci", timeout_minutes=5),
        CiJob("parity", "Local/CI parity", "ci", timeout_minutes=5),
        CiJob("pr-title", "Lint PR title", "pr-title", timeout_minutes=5),
    ]
    security = [
        CiJob("secret-scan", "Secret scan", "security", needs_network=True),
        CiJob("python-deps", "Python deps", "security", needs_network=True),
    ]
    if frontend:
        security.append(CiJob("frontend-deps", "Frontend deps", "security", True, "node"))
    if container:
        security.append(
            CiJob("container-scan", "Container image scan", "security", True, timeout_minutes=20)
        )
    return checks + security


# Every third-party action the rendered workflows use, pinned to a full commit SHA. One place to
# bump them; the comment after the SHA is the release it corresponds to.
ACTION_PINS = {
    "checkout": "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0",
    "setup-uv": "astral-sh/setup-uv@85856786d1ce8acfbcc2f13a5f3fbd6b938f9f41 # v7.1.2",
    "setup-node": "actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903 # v6.0.0",
    "semantic-pr": (
        "amannn/action-semantic-pull-request@48f256284bd46cdaab1048c3721360e808335d50 # v6.1.1"
    ),
    "setup-trivy": "aquasecurity/setup-trivy@3fb12ec12f41e471780db15c232d5dd185dcb514 # v0.2.6",
    "setup-buildx": "docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1",
    "docker-login": "docker/login-action@5e57cd118135c172c3672efd75eb46360885c0ef # v3.6.0",
    "build-push": "docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0",
    "attest-provenance": (
        "actions/attest-build-provenance@977bb373ede98d70efdf65b84cb5f73e068dcc2a # v3.0.0"
    ),
}

# gitleaks is installed from its release archive, verified against this SHA-256.
GITLEAKS = {
    "version": "8.30.1",
    "sha256": "551f6fc83ea457d62a0d98237cbad105af8d557003051f41f3e7ca7b3f2470eb",
}
TRIVY_VERSION = "v0.69.3"

# The types `cz check` accepts (commitizen's cz_conventional_commits). pr-title.yml lists the same
# ones; the rendered project's Commit-type sync job asks commitizen itself and fails on drift.
COMMIT_TYPES = (
    "build",
    "bump",
    "chore",
    "ci",
    "docs",
    "feat",
    "fix",
    "perf",
    "refactor",
    "revert",
    "style",
    "test",
)


PROVIDER_CLASSES = {"openai": "OpenAIProvider", "anthropic": "AnthropicProvider"}


def llm_provider_class(provider: str) -> str:
    """The class in ``agent/<provider>_provider.py`` that implements the chosen provider."""
    return PROVIDER_CLASSES.get(provider, "")


def _flag(context: dict[str, Any], name: str) -> bool:
    return bool(context.get(name, False))


@cache
def ci_job_records(*, frontend: bool, agent: bool, container: bool) -> tuple[dict[str, Any], ...]:
    """``ci_jobs`` as plain dicts for the templates, computed once per option set.

    Copier calls the context hook for every file it renders (hundreds per project); converting
    the jobs each time was a quarter of the render. Templates only read these dicts.
    """
    jobs = ci_jobs(frontend=frontend, agent=agent, container=container)
    return tuple(asdict(job) for job in jobs)


def derived_values(context: dict[str, Any]) -> dict[str, Any]:
    """Values computed from the answers, added to the render context."""
    jobs = ci_job_records(
        frontend=_flag(context, "include_frontend"),
        agent=_flag(context, "include_agent"),
        container=_flag(context, "include_container"),
    )
    return {
        "ci_jobs": list(jobs),
        "actions": ACTION_PINS,
        "gitleaks": GITLEAKS,
        "trivy_version": TRIVY_VERSION,
        "commit_types": COMMIT_TYPES,
        "llm_provider_class": llm_provider_class(str(context.get("llm_provider", ""))),
    }


# ---------------------------------------------------------------------------------------------
# Jinja glue

FILTERS = {
    "slugify": slugify,
    "identifier": identifier,
    "project_name_problem": project_name_problem,
    "slug_problem": slug_problem,
    "package_name_problem": package_name_problem,
    "email_problem": email_problem,
    "github_handle_problem": github_handle_problem,
    "repository_problem": repository_problem,
    "coverage_problem": coverage_problem,
}


class HarnessFilters(Extension):
    """Registers the filters above with Copier's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(FILTERS)


class HarnessContext(ContextHook):
    """Adds derived values once the answers they depend on exist.

    The hook runs for every template Copier renders, question defaults included, so it must
    tolerate a context without answers.
    """

    def hook(self, context: dict[str, Any]) -> None:
        if "include_frontend" in context:
            context.update(derived_values(context))
