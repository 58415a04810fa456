"""Section 1: how long ``copier copy --defaults`` takes, against copier's own start-up."""

from __future__ import annotations

import shutil

from ..conftest import REPO_ROOT
from .core import (
    COPIER,
    VARIANTS,
    Figure,
    Settings,
    copier_argv,
    fresh_dir,
    median,
    project_environment,
    timed_run,
)

SECTION = "render"
TARGET_RATIO = 1.5


def measure(settings: Settings) -> list[Figure]:
    env = project_environment()
    rounds = settings.repeat(5, 3)
    floor: list[float] = []
    renders: dict[str, list[float]] = {name: [] for name in VARIANTS}
    with_tasks: list[float] = []
    root = settings.workdir / "render"
    # Interleaved, so that a burst of load on a noisy machine hits every figure alike.
    for index in range(rounds):
        floor.append(timed_run([COPIER, "--version"], REPO_ROOT, env, "copier --version"))
        for name, answers in VARIANTS.items():
            dst = fresh_dir(root, f"{name}-{index}")
            argv = copier_argv(dst, answers, tasks=False)
            renders[name].append(timed_run(argv, REPO_ROOT, env, f"render {name}"))
            shutil.rmtree(dst)
        # The command exactly as the README gives it: with the copy task that runs `uv lock`.
        dst = fresh_dir(root, f"tasks-{index}")
        argv = copier_argv(dst, {}, tasks=True)
        with_tasks.append(timed_run(argv, REPO_ROOT, env, "render with tasks"))
        shutil.rmtree(dst)
    baseline = "copier --version"
    figures = []
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
        if name == "default":
            figure.target = f"<= {TARGET_RATIO}x {baseline}"
            figure.met = figure.ratio is not None and figure.ratio <= TARGET_RATIO
        figures.append(figure)
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
