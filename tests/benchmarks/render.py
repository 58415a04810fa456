"""Section 1: how long ``copier copy --defaults`` takes, beside copier's start-up and copier-uv.

copier-uv (pawamoy's widely used uv template) is the yardstick the 2026 issue
names: the default render should take no longer than copier-uv's in the same run. It is cloned
from GitHub, or from ``HARNESS_BENCH_COPIER_UV`` (a local clone or another URL); where neither is
reachable the figure is reported as skipped, with the reason, never as met.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..conftest import REPO_ROOT
from .core import (
    COPIER,
    VARIANTS,
    Figure,
    Settings,
    Unavailable,
    copier_argv,
    fresh_dir,
    median,
    project_environment,
    timed_run,
)

SECTION = "render"
COPIER_UV = os.environ.get("HARNESS_BENCH_COPIER_UV", "https://github.com/pawamoy/copier-uv.git")
# copier-uv asks these without a default; the rest of its questions have defaults.
COPIER_UV_ANSWERS = {
    "project_name": "Bench Service",
    "project_description": "A render for the benchmark",
    "author_fullname": "Bench Mark",
    "author_email": "bench@example.com",
    "author_username": "bench",
}
CLONE_TIMEOUT_SECONDS = 60


def copier_uv(settings: Settings, env: dict[str, str]) -> Path | Unavailable:
    """A clone of copier-uv to render beside ours, or why there is none."""
    clone = settings.workdir / "copier-uv"
    argv = ["git", "clone", "--quiet", "--depth", "1", COPIER_UV, str(clone)]
    try:
        result = subprocess.run(
            argv,
            env={**env, "GIT_TERMINAL_PROMPT": "0"},
            capture_output=True,
            text=True,
            timeout=CLONE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Unavailable(
            SECTION, "render beside copier-uv", f"needs network ({COPIER_UV})"
        )
    if result.returncode != 0:
        why = (result.stderr.strip().splitlines() or ["git clone failed"])[-1]
        return Unavailable(
            SECTION, "render beside copier-uv", f"needs network ({COPIER_UV}: {why})"
        )
    return clone


def copier_uv_argv(template: Path, dst: Path) -> list[str]:
    argv = [str(COPIER), "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", "HEAD"]
    argv.append("--skip-tasks")
    for key, value in COPIER_UV_ANSWERS.items():
        argv += ["--data", f"{key}={value}"]
    return [*argv, str(template), str(dst)]


def file_count(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file() and ".git" not in path.parts)


def measure(settings: Settings) -> list[Figure | Unavailable]:
    env = project_environment()
    # As a user's second render runs: from copier's compiled bytecode. An inherited
    # PYTHONDONTWRITEBYTECODE would have every run compile copier's ~400 modules first (about
    # 0.45 s here) and measure the compiler; the untimed runs below write the .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rounds = settings.repeat(5, 3)
    floor: list[float] = []
    renders: dict[str, list[float]] = {name: [] for name in VARIANTS}
    with_tasks: list[float] = []
    theirs: list[float] = []
    files: dict[str, int] = {}
    root = settings.workdir / "render"
    yardstick = copier_uv(settings, env)
    warm_up = [[str(COPIER), "--version"], copier_argv(fresh_dir(root, "warm"), {}, tasks=False)]
    if isinstance(yardstick, Path):
        warm_up.append(copier_uv_argv(yardstick, fresh_dir(root, "warm-uv")))
    for argv in warm_up:
        timed_run(argv, REPO_ROOT, env, "warm-up")
    # Interleaved, so that a burst of load on a noisy machine hits every figure alike.
    for index in range(rounds):
        floor.append(timed_run([COPIER, "--version"], REPO_ROOT, env, "copier --version"))
        for name, answers in VARIANTS.items():
            dst = fresh_dir(root, f"{name}-{index}")
            argv = copier_argv(dst, answers, tasks=False)
            renders[name].append(timed_run(argv, REPO_ROOT, env, f"render {name}"))
            files[name] = file_count(dst)
            shutil.rmtree(dst)
        if isinstance(yardstick, Path):
            dst = fresh_dir(root, f"copier-uv-{index}")
            theirs.append(timed_run(copier_uv_argv(yardstick, dst), REPO_ROOT, env, "copier-uv"))
            files["copier-uv"] = file_count(dst)
            shutil.rmtree(dst)
        # The command exactly as the README gives it: with the copy task that runs `uv lock`.
        dst = fresh_dir(root, f"tasks-{index}")
        argv = copier_argv(dst, {}, tasks=True)
        with_tasks.append(timed_run(argv, REPO_ROOT, env, "render with tasks"))
        shutil.rmtree(dst)
    baseline = "copier --version"
    figures: list[Figure | Unavailable] = []
    for name, samples in renders.items():
        figure = Figure(
            SECTION,
            f"render {name} (--skip-tasks)",
            median(samples),
            "s",
            baseline,
            median(floor),
            samples=samples,
            baseline_samples=floor,
        )
        figure.note = f"{files[name]} files"
        figures.append(figure)
    if isinstance(yardstick, Path):
        beside = Figure(
            SECTION,
            "render default (--skip-tasks) beside copier-uv",
            median(renders["default"]),
            "s",
            "copier-uv rendered with defaults",
            median(theirs),
            target="<= 1.0x copier-uv",
            samples=renders["default"],
            baseline_samples=theirs,
            note=f"{files['default']} files against copier-uv's {files['copier-uv']}",
        )
        beside.met = beside.ratio is not None and beside.ratio <= 1.0
        figures.append(beside)
    else:
        figures.append(yardstick)
    figures.append(
        Figure(
            SECTION,
            "render default (with the uv lock task, warm uv cache)",
            median(with_tasks),
            "s",
            baseline,
            median(floor),
            samples=with_tasks,
            baseline_samples=floor,
            note="what `copier copy --trust --defaults` costs a user: the render plus `uv lock`",
        )
    )
    return figures
