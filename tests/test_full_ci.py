"""Full tier: render representative variants and run each project's complete local CI.

Each variant goes through what a new user does: render, ``git init`` and commit, ``uv sync
--frozen``, then ``uv run -m harness ci``. uv's cache is shared by all variants (uv's default
cache directory), so only the first variant downloads anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from pytest_copie.plugin import Copie

from .conftest import TOOLS_DIR, commit_everything, run, task_environment
from .variants import FULL_TIER, Variant

UV = TOOLS_DIR / "uv"


@pytest.mark.full
@pytest.mark.parametrize("variant", FULL_TIER, ids=[variant.id for variant in FULL_TIER])
def test_rendered_project_ci_is_green(
    variant: Variant,
    copie: Copie,
    record_property: Callable[[str, object], None],
    request: pytest.FixtureRequest,
) -> None:
    started = time.perf_counter()
    if variant.answers.get("include_frontend"):
        # The frontend jobs need Node 24: installed from npm when the machine's is older.
        request.getfixturevalue("modern_node")
    with task_environment(variant.python) as env:
        result = copie.copy(extra_answers=dict(variant.answers))
    assert result.exit_code == 0, result.exception
    assert result.project_dir is not None
    project = result.project_dir
    assert (project / "uv.lock").is_file(), "the copy task did not lock the dependencies"
    commit_everything(project)

    synced = run([UV, "sync", "--frozen"], project, env)
    assert synced.returncode == 0, synced.stderr

    ci = run([UV, "run", "--frozen", "-m", "harness", "ci"], project, env)
    record_property("variant_seconds", round(time.perf_counter() - started, 1))
    assert ci.returncode == 0, ci.stdout + ci.stderr
    assert "0 failed" in ci.stdout
