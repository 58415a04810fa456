"""The answer variants the template is tested with, named the way test reports show them."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from extensions.harness import AGENTS

from .conftest import DEFAULT_PYTHON

# Coding agents as the variant ids name them; a variant without `agents` has the default ones.
ALL_AGENTS_LABEL = "all-agents"


def agents_label(agents: object) -> str:
    """``all-agents``, ``no-agents`` or the chosen ones: ``agents=cursor+copilot``."""
    chosen = list(agents) if isinstance(agents, list | tuple) else []
    if set(chosen) == set(AGENTS):
        return ALL_AGENTS_LABEL
    if not chosen:
        return "no-agents"
    return "agents=" + "+".join(str(agent) for agent in chosen)


@dataclass(frozen=True)
class Variant:
    """A set of answers on top of the defaults, with a readable id."""

    answers: Mapping[str, Any] = field(default_factory=dict)

    @property
    def python(self) -> str:
        return str(self.answers.get("python_version", DEFAULT_PYTHON))

    @property
    def id(self) -> str:
        if not self.answers:
            return "default"
        options = [
            name
            for name, key in (
                ("frontend", "include_frontend"),
                ("agent", "include_agent"),
                ("container", "include_container"),
                ("database", "include_database"),
            )
            if self.answers.get(key, key == "include_agent")
        ]
        if self.answers.get("llm_provider", "openai") != "openai":
            options.append(str(self.answers["llm_provider"]))
        if "agents" in self.answers:
            options.append(agents_label(self.answers["agents"]))
        if "package_name" in self.answers:
            options.append("custom-names")
        options.append(f"py{self.python}")
        everything = all(
            name in options for name in ("frontend", "agent", "container", ALL_AGENTS_LABEL)
        )
        label = "full" if everything else "variant"
        return f"{label}({', '.join(options)})"


def option_matrix() -> list[Variant]:
    """Every combination of the feature switches, with both LLM providers when the agent is on.

    The database doubles nothing: it is added to two combinations (everything on, and the agent
    off), which between them render each file it touches with and without the other options.
    """
    variants = []
    for frontend, agent, container in itertools.product([False, True], repeat=3):
        providers = ["openai", "anthropic"] if agent else ["openai"]
        for provider in providers:
            answers: dict[str, Any] = {
                "include_frontend": frontend,
                "include_agent": agent,
                "include_container": container,
            }
            if agent:
                answers["llm_provider"] = provider
            variants.append(Variant(answers))
    # The agents' configurations are independent of the feature switches: every agent rides on
    # the everything-on variant, none on the database one, and one alone without Claude Code.
    variants += [
        Variant(
            {
                "include_frontend": True,
                "include_agent": True,
                "include_container": True,
                "include_database": True,
                "agents": list(AGENTS),
            }
        ),
        Variant({"include_agent": False, "include_database": True, "agents": []}),
        Variant({"agents": ["cursor"]}),
    ]
    return variants


# Names a real team picks: none of them derived from another, so a place that uses the wrong one
# (the distribution name where the import name belongs, say) breaks the build or the CI.
# The name and description hold what used to break a render: double quotes, apostrophes (a
# straight one and a typographic one), a backslash, Markdown and HTML punctuation and non-ASCII
# letters, so the full tier proves every file's escaping end to end.
CUSTOM_NAMES = {
    "project_name": 'Acme "Billing" Ledger \\ O\u2019Brien\'s Caf\u00e9',
    "project_slug": "acme-ledger-api",
    "package_name": "billing",
    "repository_name": "ledger",
    "description": 'Books each "charge" once; it\'s C:\\ledger\\ & <b>not</b> *bold* {{ 7 * 7 }}.',
    "code_owner": "@acme/platform @alice",
}

# The variants whose complete local CI the full tier runs. Together they exercise every
# Python version offered, both providers, the agent switched off, custom names, and every
# option (every coding agent included) at once.
FULL_TIER = [
    Variant(),
    Variant(
        {
            **CUSTOM_NAMES,
            "include_frontend": True,
            "include_container": True,
            "python_version": "3.12",
            "agents": list(AGENTS),
        }
    ),
    Variant({"include_agent": False, "python_version": "3.11", "coverage_threshold": 90}),
    Variant({"llm_provider": "anthropic", "license": "Apache-2.0"}),
    # PostgreSQL: its tests, the migration gates and the outage test against a real server.
    Variant({"include_database": True}),
    # No 3.14 interpreter exists on the machine this template is developed on, so this variant is
    # skipped there with that reason; the template's GitHub matrix runs it.
    Variant({"python_version": "3.14"}),
]
