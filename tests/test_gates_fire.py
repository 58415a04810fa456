"""Every offline CI job of a rendered project fails when its problem is planted.

One default project is rendered and synced; each test plants one problem, runs the job's entry
point exactly as CI does (`uv run -m harness <job>`), checks that it fails with a useful
message, and removes the problem again.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import DEFAULT_PYTHON, TOOLS_DIR, commit_everything, render, run, uv_environment

pytestmark = pytest.mark.full

PACKAGE = Path("src") / "my_service"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    env = uv_environment(DEFAULT_PYTHON)
    root = render(tmp_path_factory.mktemp("fire") / "project", tasks=True)
    commit_everything(root)
    synced = run([TOOLS_DIR / "uv", "sync", "--frozen", "--quiet"], root, env)
    assert synced.returncode == 0, synced.stderr
    return root, env


def job(project: tuple[Path, dict[str, str]], key: str) -> subprocess.CompletedProcess[str]:
    root, env = project
    return run([TOOLS_DIR / "uv", "run", "--frozen", "-m", "harness", key], root, env)


@pytest.fixture
def restore(project: tuple[Path, dict[str, str]]) -> Iterator[None]:
    """Undo whatever a test planted, tracked or not."""
    yield
    root, _ = project
    assert run(["git", "checkout", "--", "."], root).returncode == 0
    assert run(["git", "clean", "-fdq", "--", "src", "tests"], root).returncode == 0


@pytest.mark.usefixtures("restore")
def test_clean_render_passes_the_offline_gates(project: tuple[Path, dict[str, str]]) -> None:
    for key in ("lint", "architecture"):
        result = job(project, key)
        assert result.returncode == 0, key + result.stdout + result.stderr


@pytest.mark.usefixtures("restore")
def test_lint_fails_on_a_lint_error(project: tuple[Path, dict[str, str]]) -> None:
    root, _ = project
    (root / PACKAGE / "sloppy.py").write_text("import os\n")
    result = job(project, "lint")
    assert result.returncode != 0
    assert "F401" in result.stdout


@pytest.mark.usefixtures("restore")
def test_typecheck_fails_on_a_type_error(project: tuple[Path, dict[str, str]]) -> None:
    root, _ = project
    (root / PACKAGE / "wrong.py").write_text("def half(n: int) -> int:\n    return n / 2\n")
    result = job(project, "typecheck")
    assert result.returncode != 0
    assert "wrong.py" in result.stdout


@pytest.mark.usefixtures("restore")
def test_architecture_fails_when_the_domain_reads_settings(
    project: tuple[Path, dict[str, str]],
) -> None:
    root, _ = project
    models = root / PACKAGE / "domain" / "models.py"
    models.write_text(models.read_text() + "\nfrom ..core.config import Settings  # noqa\n")
    result = job(project, "architecture")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


@pytest.mark.usefixtures("restore")
def test_tests_fail_below_the_coverage_gate(project: tuple[Path, dict[str, str]]) -> None:
    root, _ = project
    body = "".join(
        f"def untested_{n}(x: int) -> int:\n    return x + {n}\n\n\n" for n in range(300)
    )
    (root / PACKAGE / "untested.py").write_text(body)
    result = job(project, "tests")
    assert result.returncode != 0
    assert "Required test coverage of 75" in result.stdout


@pytest.mark.usefixtures("restore")
def test_python_deps_never_passes_silently_offline(project: tuple[Path, dict[str, str]]) -> None:
    """Without its vulnerability database pip-audit --strict fails instead of exiting 0."""
    result = job(project, "python-deps")
    assert result.returncode != 0
    assert "--strict" in result.stdout


@pytest.mark.usefixtures("restore")
def test_secret_scan_fails_without_gitleaks(project: tuple[Path, dict[str, str]]) -> None:
    root, env = project
    result = run(
        [TOOLS_DIR / "uv", "run", "--frozen", "-m", "harness", "secret-scan"],
        root,
        {**env, "PATH": f"{TOOLS_DIR}:/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "gitleaks is not installed" in result.stderr


@pytest.mark.usefixtures("restore")
def test_pr_title_fails_on_a_non_conventional_subject(
    project: tuple[Path, dict[str, str]],
) -> None:
    root, env = project
    result = run(
        [TOOLS_DIR / "uv", "run", "--frozen", "-m", "harness", "pr-title"],
        root,
        {**env, "PR_TITLE": "Update stuff"},
    )
    assert result.returncode != 0
    assert "Update stuff" in result.stdout
