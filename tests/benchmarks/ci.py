"""Section 2: time to green, from a fresh render to every offline job of its local CI passed."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import REPO_ROOT, commit_everything, run
from .core import (
    UV,
    VARIANTS,
    Figure,
    Settings,
    Unavailable,
    check,
    copier_argv,
    fresh_dir,
    median,
    project_environment,
    remember_synced,
    timed_run,
)

SECTION = "ci"
# Seconds from render to green on 2 cores with warm caches.
TARGETS = {"default": 45.0, "full": 90.0}
ROW = re.compile(r"^(?P<job>.+?)\s{2,}(?P<status>.+?)\s{2,}(?P<seconds>\d+(?:\.\d+)?)\s*$")


@dataclass
class Attempt:
    """One render-to-green run: seconds per phase and per job."""

    phases: dict[str, float] = field(default_factory=dict)
    jobs: dict[str, float] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.phases.values())


def parse_table(output: str) -> tuple[dict[str, float], dict[str, str]]:
    """The job, status, seconds rows of ``harness ci``'s summary table."""
    seconds: dict[str, float] = {}
    statuses: dict[str, str] = {}
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.split()[:1] == ["job"]), None)
    if start is None:
        return seconds, statuses
    for line in lines[start + 2 :]:
        match = ROW.match(line)
        if match is None:
            break
        seconds[match["job"]] = float(match["seconds"])
        statuses[match["job"]] = match["status"]
    return seconds, statuses


def attempt(project: Path, variant: str, caches: Path | None) -> Attempt:
    """Render ``variant`` into ``project`` and run it to green; ``caches`` set = cold caches."""
    extra: dict[str, str] = {}
    if caches is not None:
        extra = {
            "UV_CACHE_DIR": str(caches / "uv"),
            "npm_config_cache": str(caches / "npm"),
            "PRE_COMMIT_HOME": str(caches / "pre-commit"),
        }
    env = project_environment(extra=extra)
    result = Attempt()
    argv = copier_argv(project, VARIANTS[variant], tasks=True)
    result.phases["render + uv lock"] = timed_run(argv, REPO_ROOT, env, "render")
    started = time.perf_counter()
    commit_everything(project)
    result.phases["git init + commit"] = time.perf_counter() - started
    result.phases["uv sync --frozen"] = timed_run([UV, "sync", "--frozen"], project, env, "uv sync")
    started = time.perf_counter()
    ci = run([UV, "run", "--frozen", "-m", "harness", "ci"], project, env)
    result.phases["harness ci"] = time.perf_counter() - started
    result.jobs, result.statuses = parse_table(ci.stdout)
    result.failed = [job for job, status in result.statuses.items() if status == "failed"]
    if ci.returncode != 0 and not result.failed:
        check(ci, "harness ci")
    return result


def uv_run_floor(project: Path, rounds: int) -> list[float]:
    """What any job costs before it does anything: ``uv run`` starting the interpreter."""
    env = project_environment()
    argv: list[str | Path] = [UV, "run", "--frozen", "python", "-c", "pass"]
    return [timed_run(argv, project, env, "uv run floor") for _ in range(rounds)]


def measure(settings: Settings) -> list[Figure | Unavailable]:
    rounds = settings.repeat(3, 1)
    root = settings.workdir / "ci"
    figures: list[Figure | Unavailable] = []
    for variant in VARIANTS:
        attempts: dict[str, list[Attempt]] = {"cold": [], "warm": []}
        last_warm: Path | None = None
        try:
            for index in range(rounds):
                caches = fresh_dir(root, f"caches-{variant}-{index}")
                project = fresh_dir(root, f"{variant}-cold-{index}")
                attempts["cold"].append(attempt(project, variant, caches))
                shutil.rmtree(caches)
                shutil.rmtree(project)
                if index == 0:
                    # The priming run: fills the default uv and npm caches; not counted.
                    project = fresh_dir(root, f"{variant}-priming")
                    attempt(project, variant, None)
                    shutil.rmtree(project)
                if last_warm is not None:
                    shutil.rmtree(last_warm)
                last_warm = fresh_dir(root, f"{variant}-warm-{index}")
                attempts["warm"].append(attempt(last_warm, variant, None))
        except RuntimeError as error:
            figures.append(Unavailable(SECTION, f"time to green: {variant}", str(error)))
            continue
        assert last_warm is not None
        remember_synced(variant, last_warm)
        floor = uv_run_floor(last_warm, settings.repeat(5, 3))
        figures += variant_figures(variant, attempts, floor)
    return figures


def variant_figures(
    variant: str, attempts: dict[str, list[Attempt]], floor: list[float]
) -> list[Figure | Unavailable]:
    figures: list[Figure | Unavailable] = []
    totals = {mode: [a.total for a in runs] for mode, runs in attempts.items()}
    for mode, runs in attempts.items():
        other = "warm" if mode == "cold" else "cold"
        prefix = f"{variant}, {mode} caches"
        failed = sorted({job for a in runs for job in a.failed})
        total = Figure(
            SECTION,
            f"{prefix}: render to green, total",
            median(totals[mode]),
            "s",
            f"{variant}, {other} caches: total",
            median(totals[other]),
            samples=totals[mode],
            baseline_samples=totals[other],
        )
        if mode == "warm":
            total.target = f"< {TARGETS[variant]:.0f} s on 2 cores"
            total.met = not failed and total.median < TARGETS[variant]
        if failed:
            total.met = False
            total.note = "not green: " + ", ".join(failed) + " failed"
        skipped = sorted(
            {
                f"{job} ({status})"
                for a in runs
                for job, status in a.statuses.items()
                if status not in ("passed", "failed")
            }
        )
        if skipped:
            total.note = (
                (total.note + "; " if total.note else "") + "skipped: " + "; ".join(skipped)
            )
        figures.append(total)
        for phase in runs[0].phases:
            samples = [a.phases[phase] for a in runs]
            if phase == "harness ci":
                serial = [sum(a.jobs.values()) for a in runs]
                figures.append(
                    Figure(
                        SECTION,
                        f"{prefix}: harness ci (wall)",
                        median(samples),
                        "s",
                        "sum of job times (serial)",
                        median(serial),
                        samples=samples,
                        baseline_samples=serial,
                    )
                )
                continue
            figures.append(
                Figure(
                    SECTION,
                    f"{prefix}: {phase}",
                    median(samples),
                    "s",
                    "uv run python -c pass",
                    median(floor),
                    samples=samples,
                    baseline_samples=floor,
                )
            )
        for job in runs[0].jobs:
            samples = [a.jobs.get(job, 0.0) for a in runs]
            figures.append(
                Figure(
                    SECTION,
                    f"{prefix}: job {job}",
                    median(samples),
                    "s",
                    "uv run python -c pass",
                    median(floor),
                    samples=samples,
                    baseline_samples=floor,
                    note=runs[-1].statuses.get(job, ""),
                )
            )
    return figures
