"""Runs CI jobs locally: one at a time with live output, or all at once with a summary table."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .jobs import Job
from .tasks import STEPS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NETWORK_ENV = "HARNESS_NETWORK"
PASSED = "passed"
FAILED = "failed"
SKIPPED_NETWORK = "skipped: needs network"


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str
    seconds: float
    output: str = ""


def network_allowed(flag: bool) -> bool:
    """Network jobs run when asked for by flag or by ``HARNESS_NETWORK=1``."""
    return flag or os.environ.get(NETWORK_ENV, "") == "1"


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # The tools live beside this interpreter, wherever the virtual environment is.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def run_job(job: Job, *, capture: bool, stream: TextIO = sys.stdout) -> Outcome:
    """Run every step of a job, stopping at the first that fails."""
    started = time.perf_counter()
    chunks: list[str] = []
    status = PASSED
    for step in STEPS[job.key]:
        if not capture:
            print(f"$ {' '.join(step)}", file=stream, flush=True)
        try:
            completed = subprocess.run(
                step,
                cwd=PROJECT_ROOT,
                env=_environment(),
                text=True,
                capture_output=capture,
                check=False,
            )
        except FileNotFoundError:
            chunks.append(f"$ {' '.join(step)}\ncommand not found: {step[0]}\n")
            status = FAILED
            break
        if capture:
            chunks.append(f"$ {' '.join(step)}\n{completed.stdout}{completed.stderr}")
        if completed.returncode != 0:
            status = FAILED
            break
    return Outcome(job, status, time.perf_counter() - started, "".join(chunks))


def run_all(jobs: Sequence[Job], *, network: bool, workers: int) -> list[Outcome]:
    """Run jobs in parallel; jobs that need the network are skipped unless allowed."""
    runnable = [job for job in jobs if network or not job.needs_network]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = pool.map(lambda job: run_job(job, capture=True), runnable)
        finished = dict(zip(runnable, outcomes, strict=True))
    return [finished.get(job) or Outcome(job, SKIPPED_NETWORK, 0.0) for job in jobs]


def summary_table(outcomes: Sequence[Outcome]) -> str:
    """A plain-text table: job, status, seconds."""
    rows = [(outcome.job.name, outcome.status, f"{outcome.seconds:.1f}") for outcome in outcomes]
    header = ("job", "status", "seconds")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, tuple("-" * width for width in widths), *rows]
    ]
    passed = sum(outcome.status == PASSED for outcome in outcomes)
    failed = sum(outcome.status == FAILED for outcome in outcomes)
    skipped = len(outcomes) - passed - failed
    lines.append(f"{passed} passed, {failed} failed, {skipped} skipped")
    return "\n".join(lines)
