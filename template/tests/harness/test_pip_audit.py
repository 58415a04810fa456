# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The Python-deps job: the commands it runs, with subprocess replaced (no network)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from harness import pip_audit

from .conftest import Repo

UV = "/opt/uv/bin/uv"


class FakeRun:
    """Records the commands ``subprocess.run`` is given and answers with fixed exit codes."""

    def __init__(self, *codes: int) -> None:
        self.codes = list(codes)
        self.calls: list[list[str]] = []
        self.requirements_existed: list[bool] = []

    def __call__(self, argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append(list(argv))
        assert kwargs["check"] is False
        if "-o" in argv:  # uv export: write the requirements file it was asked for
            Path(argv[argv.index("-o") + 1]).write_text("fastapi==1.0 --hash=sha256:00\n")
        if "-r" in argv:
            self.requirements_existed.append(Path(argv[argv.index("-r") + 1]).exists())
        return subprocess.CompletedProcess(list(argv), self.codes.pop(0))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRun:
    monkeypatch.setattr(shutil, "which", lambda name: UV if name == "uv" else None)
    return FakeRun()


def use(monkeypatch: pytest.MonkeyPatch, fake: FakeRun, *codes: int) -> FakeRun:
    fake.codes = list(codes)
    monkeypatch.setattr(subprocess, "run", fake)
    return fake


def test_the_commands(tmp_path: Path) -> None:
    requirements = tmp_path / "req.txt"
    assert pip_audit.export_command(UV, requirements) == [
        UV,
        "export",
        "--frozen",
        "--no-dev",
        "--no-emit-project",
        "--format",
        "requirements-txt",
        "-o",
        str(requirements),
    ]
    flags = ["--ignore-vuln", "PYSEC-2024-48"]
    assert pip_audit.audit_command(requirements, flags) == [
        sys.executable,
        "-m",
        "pip_audit",
        "--strict",
        "--disable-pip",
        "-r",
        str(requirements),
        "--ignore-vuln",
        "PYSEC-2024-48",
    ]


def test_exports_then_audits_with_the_exceptions(
    repo: Repo, fake: FakeRun, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(".github/security/pip-audit-ignore.txt", "GHSA-h4gh-qq45-vh27 2999-01-01 why\n")
    use(monkeypatch, fake, 0, 0)
    assert pip_audit.main(["--root", str(repo.root)]) == 0
    export, audit = fake.calls
    assert export[:2] == [UV, "export"]
    assert audit[:3] == [sys.executable, "-m", "pip_audit"]
    assert audit[-2:] == ["--ignore-vuln", "GHSA-h4gh-qq45-vh27"]
    assert audit[audit.index("-r") + 1] == export[export.index("-o") + 1]
    assert fake.requirements_existed == [True]
    out = capsys.readouterr().out
    assert "$ /opt/uv/bin/uv export --frozen --no-dev --no-emit-project" in out
    assert "-m pip_audit --strict --disable-pip -r " in out


def test_the_audit_exit_code_is_the_jobs(
    repo: Repo, fake: FakeRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, fake, 0, 1)
    assert pip_audit.main(["--root", str(repo.root)]) == 1
    assert len(fake.calls) == 2
    assert "--ignore-vuln" not in fake.calls[1]


def test_a_failed_export_stops_the_job(
    repo: Repo, fake: FakeRun, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use(monkeypatch, fake, 2)
    assert pip_audit.main(["--root", str(repo.root)]) == 2
    assert len(fake.calls) == 1
    assert "`uv export` failed (exit 2)" in capsys.readouterr().out


def test_invalid_exceptions_stop_the_job_before_anything_runs(
    repo: Repo, fake: FakeRun, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(".github/security/pip-audit-ignore.txt", "PYSEC-2020-1 2020-01-01 expired\n")
    use(monkeypatch, fake)
    assert pip_audit.main(["--root", str(repo.root)]) == 1
    assert fake.calls == []
    out = capsys.readouterr().out
    assert "pip-audit-ignore.txt:1: the exception for PYSEC-2020-1 expired" in out
    assert "python-deps: the exceptions are invalid" in out


def test_a_missing_uv_is_a_clear_error(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    fake = use(monkeypatch, FakeRun())
    assert pip_audit.main(["--root", str(repo.root)]) == 1
    assert fake.calls == []
    assert "uv is not on PATH" in capsys.readouterr().out
