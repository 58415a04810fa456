# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Runs CI jobs locally: one at a time with live output, or all at once with progress and a table.

Each job has the time limit its GitHub workflow gives it (``timeout-minutes``, from the same job
list); a job past it is stopped with every process it started and reported as timed out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .gates import SKIP_EXIT_CODE
from .jobs import Job
from .tasks import STEPS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NETWORK_ENV = "HARNESS_NETWORK"
PASSED = "passed"
FAILED = "failed"
TIMED_OUT = "timed out"
SKIPPED_NETWORK = "skipped: needs network"
# A step that cannot run here (no browser, no network...) exits with SKIP_EXIT_CODE (77, the
# code automake and meson use for "skipped"), after printing a line that starts with "skipped:".
# How long a timed-out job's processes get to exit after SIGTERM before they are killed.
KILL_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str
    seconds: float
    output: str = ""

    @property
    def failed(self) -> bool:
        return self.status in (FAILED, TIMED_OUT)


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


def stop_process_group(process: subprocess.Popen[str]) -> None:
    """Stop a step and everything it started: SIGTERM to its group, then SIGKILL.

    Each step runs in a session of its own, so its group holds the tools it spawned (pytest
    workers, a dev server, a browser) and none of this runner's processes.
    """
    if sys.platform == "win32":
        process.kill()
        return
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=KILL_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; SIGKILL whatever of its group outlived it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return


def _run_step(step: Sequence[str], *, capture: bool, timeout: float) -> tuple[int | None, str]:
    """Run one step; its exit code (None when it timed out) and, if captured, its output."""
    process = subprocess.Popen(
        step,
        cwd=PROJECT_ROOT,
        env=_environment(),
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=max(timeout, 0.0))
    except subprocess.TimeoutExpired:
        stop_process_group(process)
        try:
            output, _ = process.communicate(timeout=KILL_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            # A process that left the group still holds the pipe: stop reading it.
            output = ""
        return None, output or ""
    except BaseException:
        # Ctrl+C reaches only this runner (the step has its own session): stop the step too.
        stop_process_group(process)
        raise
    return process.returncode, output or ""


def run_job(job: Job, *, capture: bool, stream: TextIO = sys.stdout) -> Outcome:
    """Run every step of a job, stopping at the first that fails or at the job's time limit."""
    started = time.perf_counter()
    limit = job.timeout_minutes * 60
    chunks: list[str] = []
    status = PASSED
    for step in STEPS[job.key]:
        shown = f"$ {' '.join(step)}"
        if not capture:
            print(shown, file=stream, flush=True)
        try:
            code, output = _run_step(
                step, capture=capture, timeout=limit - (time.perf_counter() - started)
            )
        except FileNotFoundError:
            chunks.append(f"{shown}\ncommand not found: {step[0]}\n")
            status = FAILED
            break
        chunks.append(f"{shown}\n{output}")
        if code is None:
            message = f"timed out after {limit:g} s (timeout-minutes: {job.timeout_minutes:g})"
            chunks.append(f"{message}; stopped the step and every process it started\n")
            if not capture:
                print(message, file=stream, flush=True)
            status = TIMED_OUT
            break
        if code == SKIP_EXIT_CODE:
            status = _skip_reason("".join(chunks))
            break
        if code != 0:
            status = FAILED
            break
    return Outcome(job, status, time.perf_counter() - started, "".join(chunks))


def _skip_reason(output: str) -> str:
    reasons = [line.strip() for line in output.splitlines() if line.startswith("skipped:")]
    return reasons[-1] if reasons else "skipped"


class Progress:
    """Shows jobs starting and finishing while ``run_all`` works.

    On a terminal: one line per finished job and a status line, redrawn in place, naming the
    jobs still running and for how long. Elsewhere (CI logs, pipes): a plain line when each job
    starts and when it ends.
    """

    def __init__(self, stream: TextIO, *, live: bool, total: int) -> None:
        self.stream = stream
        self.live = live
        self.total = total
        self.done = 0
        self.running: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    @classmethod
    def for_stream(cls, stream: TextIO, total: int) -> Progress:
        live = stream.isatty() and os.environ.get("TERM", "") != "dumb"
        return cls(stream, live=live, total=total)

    def __enter__(self) -> Progress:
        if self.live:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        with self._lock:
            if self.live:
                self.stream.write("\r\x1b[K")
                self.stream.flush()

    def started(self, job: Job) -> None:
        with self._lock:
            self.running[job.name] = time.perf_counter()
            if self.live:
                self._draw()
            else:
                self._line(f"start {job.name}")

    def finished(self, outcome: Outcome) -> None:
        with self._lock:
            self.running.pop(outcome.job.name, None)
            self.done += 1
            line = f"{outcome.job.name}: {outcome.status} ({outcome.seconds:.1f} s)"
            if self.live:
                self.stream.write("\r\x1b[K")
            self._line(f"[{self.done}/{self.total}] {line}" if self.live else f"end   {line}")
            if self.live:
                self._draw()

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def _draw(self) -> None:
        now = time.perf_counter()
        jobs = ", ".join(f"{name} {now - since:.0f}s" for name, since in self.running.items())
        counter = f"[{self.done}/{self.total}]"
        text = f"{counter} running: {jobs}" if jobs else counter
        width = _terminal_width(self.stream)
        if len(text) > width - 1:
            text = text[: width - 4] + "..."
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            with self._lock:
                self._draw()


def _terminal_width(stream: TextIO) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        return 80
    # A pseudo-terminal nobody sized (script, some CI shells) reports 0 columns or close to it.
    return columns if columns >= 40 else 80


def run_all(
    jobs: Sequence[Job], *, network: bool, workers: int, progress: Progress | None = None
) -> list[Outcome]:
    """Run jobs in parallel, each once the jobs it needs have passed.

    Jobs that need the network are skipped unless allowed; a job whose prerequisite did not pass
    is skipped with the reason. ``progress`` hears of each job as it starts and ends.
    """
    finished: dict[str, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        finished[outcome.job.key] = outcome
        if progress is not None:
            progress.finished(outcome)

    def start(job: Job) -> Outcome:
        # Reported from the worker thread when the job really starts and ends, not when it is
        # queued or collected, so the lines come in the order things happen.
        if progress is not None:
            progress.started(job)
        outcome = run_job(job, capture=True)
        if progress is not None:
            progress.finished(outcome)
        return outcome

    for job in jobs:
        if job.needs_network and not network:
            finish(Outcome(job, SKIPPED_NETWORK, 0.0))
    waiting = [job for job in jobs if job.key not in finished]
    selected = {job.key for job in jobs}
    running: dict[Future[Outcome], Job] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while waiting or running:
            for job in list(waiting):
                needs = [need for need in job.needs if need in selected]
                if any(need in finished and finished[need].status != PASSED for need in needs):
                    failed = next(need for need in needs if finished[need].status != PASSED)
                    finish(Outcome(job, f"skipped: {failed} did not pass", 0.0))
                    waiting.remove(job)
                elif all(need in finished for need in needs):
                    running[pool.submit(start, job)] = job
                    waiting.remove(job)
            if not running:
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                running.pop(future)
                outcome = future.result()
                finished[outcome.job.key] = outcome
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
    timed_out = sum(outcome.status == TIMED_OUT for outcome in outcomes)
    skipped = len(outcomes) - passed - failed - timed_out
    counts = f"{passed} passed, {failed} failed, "
    counts += f"{timed_out} timed out, " if timed_out else ""
    lines.append(f"{counts}{skipped} skipped")
    return "\n".join(lines)
