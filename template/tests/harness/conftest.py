# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Fixture repositories for the meta-gates: workflows, protection files and local jobs."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest


def expr(expression: str) -> str:
    """A GitHub expression, ``$`` + two braces + expression (spelled out for the template)."""
    return "$" + "{" * 2 + f" {expression} " + "}" * 2


def harness_job(job_id: str, name: str, key: str | None = None) -> str:
    """A workflow job (YAML, indented under ``jobs:``) that runs ``uv run -m harness <key>``."""
    return textwrap.indent(
        textwrap.dedent(
            f"""\
            {job_id}:
              name: {name}
              runs-on: ubuntu-24.04
              steps:
                - uses: actions/checkout@v5
                - run: uv sync --frozen
                - name: {name}
                  run: uv run -m harness {key or job_id}
            """
        ),
        "  ",
    )


def workflow(*jobs: str, on: str = "on:\n  pull_request:\n  push:\n    branches: [main]\n") -> str:
    """A workflow whose trigger block is ``on`` and whose jobs are ``jobs``."""
    return f"name: CI\n{on}\njobs:\n" + "".join(jobs)


GOOD_PROTECTION: dict[str, Any] = {
    "required_status_checks": {"strict": True, "checks": []},
    "enforce_admins": True,
    "required_pull_request_reviews": {
        "dismiss_stale_reviews": True,
        "require_code_owner_reviews": True,
        "required_approving_review_count": 1,
    },
    "restrictions": None,
    "required_linear_history": True,
    "allow_force_pushes": False,
    "allow_deletions": False,
    "required_conversation_resolution": True,
}


class Repo:
    """A project directory in ``tmp_path`` that tests fill with the files a gate reads."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def workflow(self, name: str, text: str) -> Path:
        return self.write(f".github/workflows/{name}", text)

    def protection(self, branch: str, contexts: Iterable[str], **changes: Any) -> Path:
        """A branch-protection file requiring ``contexts``, with top-level ``changes``."""
        body = json.loads(json.dumps(GOOD_PROTECTION))
        body["required_status_checks"]["checks"] = [{"context": c} for c in contexts]
        body.update(changes)
        return self.write(f".github/branch-protection/{branch}.json", json.dumps(body, indent=2))

    def local_jobs(self, jobs: Iterable[tuple[str, str, str]], steps: Iterable[str] = ()) -> None:
        """``harness/jobs.py`` with ``(key, name, workflow)`` jobs; ``tasks.py`` with steps."""
        listed = list(jobs)
        entries = "".join(
            f"    Job(key={key!r}, name={name!r}, workflow={stem!r}),\n"
            for key, name, stem in listed
        )
        self.write(
            "harness/jobs.py",
            "from __future__ import annotations\n\n"
            "from dataclasses import dataclass\n\n\n"
            "@dataclass(frozen=True)\n"
            "class Job:\n    key: str\n    name: str\n    workflow: str\n\n\n"
            f"JOBS = (\n{entries})\n",
        )
        keys = list(steps) or [key for key, _, _ in listed]
        step_entries = "".join(f"    {key!r}: (('true',),),\n" for key in keys)
        self.write("harness/tasks.py", "STEPS = " + "{\n" + step_entries + "}\n")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)
