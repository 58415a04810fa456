"""The database option's gates, made to fire in a rendered project against a real PostgreSQL.

One project with ``include_database`` is rendered and synced. A model change without a migration
fails **Migrations match models**; the fix the README gives (``alembic revision
--autogenerate``) makes it pass again, and the generated migration downgrades cleanly. SQL from a
string in the application fails **Lint & Format**. Needs PostgreSQL's server binaries, which
``.ci/run`` installs; without them the project's jobs report skipped, and this module skips too.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import DEFAULT_PYTHON, TOOLS_DIR, commit_everything, render, run, uv_environment

pytestmark = pytest.mark.full

PACKAGE = Path("src") / "my_service"
SKIPPED = "skipped: needs PostgreSQL"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    env = uv_environment(DEFAULT_PYTHON)
    root = render(
        tmp_path_factory.mktemp("database") / "project", {"include_database": True}, tasks=True
    )
    commit_everything(root)
    synced = run([TOOLS_DIR / "uv", "sync", "--frozen", "--quiet"], root, env)
    assert synced.returncode == 0, synced.stderr
    return root, env


def module(project: tuple[Path, dict[str, str]], *argv: str) -> subprocess.CompletedProcess[str]:
    """``uv run -m <argv>`` in the project; a skip for want of PostgreSQL skips the test."""
    root, env = project
    result = run([TOOLS_DIR / "uv", "run", "--frozen", "-m", *argv], root, env)
    if result.returncode == 77 and SKIPPED in result.stdout:
        pytest.skip(result.stdout.strip())
    return result


def test_a_model_change_needs_a_migration(project: tuple[Path, dict[str, str]]) -> None:
    root, _ = project
    clean = module(project, "harness.database", "migrations")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    models = root / PACKAGE / "db" / "models.py"
    models.write_text(
        models.read_text().replace(
            "    body: Mapped[str] = mapped_column(Text)\n",
            "    body: Mapped[str] = mapped_column(Text)\n"
            "    author: Mapped[str | None] = mapped_column(String(100))\n",
        )
    )
    assert "author" in models.read_text()
    drifted = module(project, "harness.database", "migrations")
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert "models and migrations differ" in drifted.stdout
    assert re.search(r"add_column.*author", drifted.stdout), drifted.stdout

    # The fix the README gives: let Alembic write the migration against a migrated database.
    generated = module(
        project,
        "harness.database",
        "run",
        "--",
        "sh",
        "-c",
        "alembic upgrade head && alembic revision --autogenerate -m 'add the author'",
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    revisions = sorted((root / "migrations" / "versions").glob("rev_*_add_the_author.py"))
    assert len(revisions) == 1, list((root / "migrations" / "versions").iterdir())
    assert "op.add_column" in revisions[0].read_text()
    for argv in (
        ("harness.database", "migrations"),
        ("harness.database", "migrations-downgrade"),
        ("harness", "lint"),
    ):
        fixed = module(project, *argv)
        assert fixed.returncode == 0, " ".join(argv) + fixed.stdout + fixed.stderr


def test_sql_from_a_string_fails_lint(project: tuple[Path, dict[str, str]]) -> None:
    root, _ = project
    planted = root / PACKAGE / "db" / "raw.py"
    planted.write_text('from sqlalchemy import text\n\nEVERYTHING = text("SELECT * FROM notes")\n')
    try:
        result = module(project, "harness", "lint")
    finally:
        planted.unlink()
    assert result.returncode != 0
    assert "TID251" in result.stdout
    assert "No SQL from strings" in result.stdout
