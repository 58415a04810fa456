"""Runs CI jobs locally: one at a time with live output, or all at once with a summary table."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
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
# A step that cannot run here (no browser, no network...) exits with 77, the code automake and
# meson use for "skipped", after printing a line that starts with "skipped:".
SKIP_EXIT_CODE = 77


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
    # CI runs every pre-commit hook: a `SKIP=...` in the caller's shell must not bypass them.
    env.pop("SKIP", None)
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
        if completed.returncode == SKIP_EXIT_CODE:
            status = _skip_reason("".join(chunks))
            break
        if completed.returncode != 0:
            status = FAILED
            break
    return Outcome(job, status, time.perf_counter() - started, "".join(chunks))


def _skip_reason(output: str) -> str:
    reasons = [line.strip() for line in output.splitlines() if line.startswith("skipped:")]
    return reasons[-1] if reasons else SKIPPED_NETWORK


def run_all(jobs: Sequence[Job], *, network: bool, workers: int) -> list[Outcome]:
    """Run jobs in parallel, each once the jobs it needs have passed.

    Jobs that need the network are skipped unless allowed; a job whose prerequisite did not pass
    is skipped with the reason.
    """
    finished: dict[str, Outcome] = {
        job.key: Outcome(job, SKIPPED_NETWORK, 0.0)
        for job in jobs
        if job.needs_network and not network
    }
    waiting = [job for job in jobs if job.key not in finished]
    selected = {job.key for job in jobs}
    running: dict[Future[Outcome], Job] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while waiting or running:
            for job in list(waiting):
                needs = [need for need in job.needs if need in selected]
                if any(need in finished and finished[need].status != PASSED for need in needs):
                    failed = next(need for need in needs if finished[need].status != PASSED)
                    finished[job.key] = Outcome(job, f"skipped: {failed} did not pass", 0.0)
                    waiting.remove(job)
                elif all(need in finished for need in needs):
                    running[pool.submit(run_job, job, capture=True)] = job
                    waiting.remove(job)
            if not running:
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                finished[running.pop(future).key] = future.result()
    return [finished[job.key] for job in jobs]


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
