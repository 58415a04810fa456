# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The lock step Copier runs after copy and update: it makes uv.lock, or fails the render."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from harness import relock

CONFLICTED = "<<<<<<< before updating\nold\n=======\nnew\n>>>>>>> after updating\n"


class FakeUv:
    """Stands in for ``uv lock``: records each call and exits with the next of ``codes``."""

    def __init__(self, *codes: int) -> None:
        self.codes = list(codes or (0,))
        self.calls: list[tuple[list[str], Path]] = []
        self.environments: list[dict[str, str]] = []

    def __call__(self, argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        assert kwargs["check"] is False
        self.calls.append((list(argv), kwargs["cwd"]))
        self.environments.append(kwargs["env"])
        code = self.codes.pop(0)
        return subprocess.CompletedProcess(list(argv), code, "", "error: no python\n" * code)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "svc"\n')
    return tmp_path


def use(monkeypatch: pytest.MonkeyPatch, uv: str | None, *codes: int) -> FakeUv:
    monkeypatch.setattr(shutil, "which", lambda name: uv if name == "uv" else None)
    fake = FakeUv(*codes)
    monkeypatch.setattr(subprocess, "run", fake)
    return fake


def test_locks_in_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = use(monkeypatch, "/opt/uv")
    assert relock.main(project) == 0
    assert fake.calls == [(["/opt/uv", "lock", "--quiet"], project)]


def test_a_conflicted_lockfile_is_regenerated_not_merged(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "uv.lock").write_text(CONFLICTED)
    fake = use(monkeypatch, "/opt/uv")
    assert relock.main(project) == 0
    assert not (project / "uv.lock").exists()
    assert len(fake.calls) == 1


def test_a_conflicted_pyproject_is_left_to_the_team(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(CONFLICTED)
    (project / "uv.lock").write_text("version = 1\n")
    fake = use(monkeypatch, "/opt/uv")
    assert relock.main(project) == 0
    assert fake.calls == []
    assert (project / "uv.lock").read_text() == "version = 1\n"
    assert "pyproject.toml has conflict markers" in capsys.readouterr().out


def test_without_uv_the_render_fails_and_says_what_to_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPIER_OPERATION", "copy")
    fake = use(monkeypatch, None)
    assert relock.main(project) == 1
    assert fake.calls == []
    out = capsys.readouterr().out
    assert "uv is not on PATH" in out
    assert "--skip-tasks" in out


def test_a_failed_lock_fails_the_copy_and_says_what_to_do(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYENV_VERSION", raising=False)
    monkeypatch.setenv("COPIER_OPERATION", "copy")
    fake = use(monkeypatch, "/opt/uv", 2, 2)
    assert relock.main(project) == 1
    # The index first, then uv's cache; both failed.
    assert [argv for argv, _ in fake.calls] == [
        ["/opt/uv", "lock", "--quiet"],
        ["/opt/uv", "lock", "--quiet", "--offline"],
    ]
    out, err = capsys.readouterr()
    assert "UV_PYTHON=/path/to/python3.X uv lock" in out
    assert "add `--skip-tasks` to render without uv.lock" in out
    assert "error: no python" in err


def test_a_failed_lock_after_an_update_says_to_lock_in_the_project(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYENV_VERSION", raising=False)
    monkeypatch.setenv("COPIER_OPERATION", "update")
    use(monkeypatch, "/opt/uv", 2, 2)
    assert relock.main(project) == 1
    out = capsys.readouterr().out
    assert "fix the cause, then run `uv lock` in the project." in out
    assert "--skip-tasks" not in out


def test_an_unreachable_index_falls_back_to_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYENV_VERSION", raising=False)
    fake = use(monkeypatch, "/opt/uv", 2, 0)
    assert relock.main(project) == 0
    assert fake.calls[-1][0] == ["/opt/uv", "lock", "--quiet", "--offline"]
    assert "made from uv's cache" in capsys.readouterr().out


def test_a_pyenv_version_pin_is_dropped_when_it_breaks_the_lock(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PYENV_VERSION", "3.11.7")
    monkeypatch.setenv("PYENV_DIR", "/where/uvx/was/started")
    fake = use(monkeypatch, "/opt/uv", 2, 0)
    assert relock.main(project) == 0
    first, second = fake.environments
    assert first["PYENV_VERSION"] == "3.11.7"
    assert "PYENV_VERSION" not in second
    assert "PYENV_DIR" not in second
    assert capsys.readouterr() == ("", "")


def test_a_pyenv_version_pin_is_kept_when_the_lock_works(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYENV_VERSION", "3.13.0")
    fake = use(monkeypatch, "/opt/uv", 0)
    assert relock.main(project) == 0
    assert [env["PYENV_VERSION"] for env in fake.environments] == ["3.13.0"]
