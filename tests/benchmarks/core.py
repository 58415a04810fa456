"""Figures, timing helpers, and the rendered projects the sections share."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..conftest import (
    DEFAULT_PYTHON,
    REPO_ROOT,
    TOOLS_DIR,
    commit_everything,
    find_python,
    run,
    uv_environment,
)

UV = TOOLS_DIR / "uv"
COPIER = TOOLS_DIR / "copier"
PACKAGE = "my_service"  # the package name the default answers give

# The largest variant: every optional part switched on.
FULL_ANSWERS: dict[str, Any] = {
    "include_frontend": True,
    "include_agent": True,
    "include_container": True,
}
VARIANTS: dict[str, dict[str, Any]] = {"default": {}, "full": FULL_ANSWERS}


class NotAvailableError(Exception):
    """A section (or a figure) cannot be measured on this machine; the message says why."""


@dataclass
class Figure:
    """One benchmark figure: a median next to a baseline measured in the same run."""

    section: str
    name: str
    median: float
    unit: str
    baseline: str
    baseline_median: float
    target: str = ""
    met: bool | None = None
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline_median:
            return None
        return self.median / self.baseline_median

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        return data


@dataclass
class Unavailable:
    """A section or figure that could not be measured, with the reason."""

    section: str
    name: str
    reason: str


@dataclass
class Settings:
    """How hard to measure: ``quick`` trades repetitions for wall time."""

    quick: bool
    workdir: Path

    def repeat(self, full: int, quick: int) -> int:
        return quick if self.quick else full


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of ``action`` takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def timed_run(
    argv: Sequence[str | Path], cwd: Path, env: Mapping[str, str] | None, what: str
) -> float:
    """Seconds a command takes; raises if it fails."""
    started = time.perf_counter()
    result = run(argv, cwd, env)
    elapsed = time.perf_counter() - started
    check(result, what)
    return elapsed


def check(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise RuntimeError(f"{what} failed ({result.returncode}):\n" + "\n".join(tail))


def project_environment(
    python: str = DEFAULT_PYTHON, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment a rendered project's commands run in (real interpreter, no downloads)."""
    if find_python(python) is None:
        raise NotAvailableError(f"Python {python} is not installed on this machine")
    env = uv_environment(python)
    env.update(extra or {})
    return env


def copier_argv(dst: Path, answers: Mapping[str, Any], *, tasks: bool) -> list[str]:
    """``copier copy --defaults`` of the template's working tree, as a user types it."""
    argv = [str(COPIER), "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", "HEAD"]
    if not tasks:
        argv.append("--skip-tasks")
    for key, value in answers.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        argv += ["--data", f"{key}={text}"]
    return [*argv, str(REPO_ROOT), str(dst)]


def fresh_dir(parent: Path, name: str) -> Path:
    path = parent / name
    if path.exists():
        shutil.rmtree(path)
    parent.mkdir(parents=True, exist_ok=True)
    return path


_SYNCED: dict[str, Path] = {}


def synced_project(settings: Settings, variant: str = "default") -> Path:
    """A rendered, committed and synced project, made once per benchmark run and shared."""
    if variant in _SYNCED:
        return _SYNCED[variant]
    env = project_environment()
    project = fresh_dir(settings.workdir / "shared", variant)
    check(run(copier_argv(project, VARIANTS[variant], tasks=True), REPO_ROOT, env), "render")
    commit_everything(project)
    check(run([UV, "sync", "--frozen"], project, env), "uv sync")
    _SYNCED[variant] = project
    return project


def remember_synced(variant: str, project: Path) -> None:
    """Let later sections reuse a project another section already synced."""
    _SYNCED.setdefault(variant, project)


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"
