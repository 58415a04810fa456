# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The local runner: progress lines, time limits that stop a job's whole process tree, skips."""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pytest
import yaml

from harness import tasks
from harness.jobs import JOBS, Job
from harness.runner import TIMED_OUT, Outcome, Progress, run_all, run_job, summary_table

from .. import procfs

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"

# Starts a child that would sleep for a minute, writes its pid to argv[1], then sleeps itself.
SLEEPS_WITH_A_CHILD = (
    "import pathlib, subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
    "pathlib.Path(sys.argv[1]).write_text(str(child.pid))\n"
    "time.sleep(60)\n"
)


def fake_job(
    monkeypatch: pytest.MonkeyPatch, key: str, *steps: tuple[str, ...], minutes: float = 10
) -> Job:
    """A job that exists only for this test, with the given steps and time limit."""
    monkeypatch.setitem(tasks.STEPS, key, steps)
    return Job(key=key, name=f"Fake {key}", workflow="ci", timeout_minutes=minutes)


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie waiting to be reaped counts as gone).

    ``procfs`` finds the process in /proc even where /proc numbers processes differently from
    this one (inside the OS sandbox): ``/proc/<pid>`` there is another, living process.
    """
    found = procfs.status(pid)
    return found is not None and "\nState:\tZ" not in found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see the child is gone")
def test_a_job_past_its_time_limit_is_stopped_with_its_children(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pid_file = tmp_path / "child.pid"
    step = (sys.executable, "-c", SLEEPS_WITH_A_CHILD, str(pid_file))
    # Three seconds: time enough for the job to start its child even on a busy machine.
    job = fake_job(monkeypatch, "sleeper", step, minutes=3 / 60)
    started = time.monotonic()
    outcome = run_job(job, capture=True)
    assert outcome.status == TIMED_OUT
    assert outcome.failed
    assert time.monotonic() - started < 15
    assert "timed out after 3 s" in outcome.output
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the job's child outlived the time limit"


def test_a_job_within_its_limit_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    job = fake_job(monkeypatch, "quick", (sys.executable, "-c", "print('ok')"), minutes=1)
    outcome = run_job(job, capture=True)
    assert outcome.status == "passed"
    assert "ok" in outcome.output


def test_a_skip_reports_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    skip = "print('skipped: needs Chromium (install it)'); raise SystemExit(77)"
    job = fake_job(monkeypatch, "browser", (sys.executable, "-c", skip))
    assert run_job(job, capture=True).status == "skipped: needs Chromium (install it)"


def test_a_timed_out_job_fails_the_run_and_skips_what_needs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sleep = (sys.executable, "-c", "import time; time.sleep(30)")
    slow = fake_job(monkeypatch, "slow", sleep, minutes=0.5 / 60)
    monkeypatch.setitem(tasks.STEPS, "after", ((sys.executable, "-c", "pass"),))
    after = Job(key="after", name="After", workflow="ci", needs=("slow",))
    stream = io.StringIO()
    with Progress(stream, live=False, total=2) as progress:
        outcomes = run_all([slow, after], network=False, workers=2, progress=progress)
    assert [outcome.status for outcome in outcomes] == [TIMED_OUT, "skipped: slow did not pass"]
    assert summary_table(outcomes).splitlines()[-1] == (
        "0 passed, 0 failed, 1 timed out, 1 skipped"
    )


def test_plain_progress_has_a_line_when_each_job_starts_and_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = fake_job(monkeypatch, "first", (sys.executable, "-c", "pass"))
    broken = fake_job(monkeypatch, "broken", (sys.executable, "-c", "raise SystemExit(3)"))
    network = Job(key="net", name="Needs net", workflow="ci", needs_network=True)
    stream = io.StringIO()
    with Progress(stream, live=False, total=3) as progress:
        run_all([first, broken, network], network=False, workers=1, progress=progress)
    lines = stream.getvalue().splitlines()
    assert "end   Needs net: skipped: needs network (0.0 s)" in lines
    # One worker: each job starts when the one before it has ended, and the lines show it.
    starts_and_ends = [line.split(" (")[0] for line in lines[1:]]
    assert starts_and_ends == [
        "start Fake first",
        "end   Fake first: passed",
        "start Fake broken",
        "end   Fake broken: failed",
    ]
    assert all(line.endswith(" s)") for line in lines if line.startswith("end "))
    assert "\r" not in stream.getvalue()


def test_live_progress_redraws_one_status_line(monkeypatch: pytest.MonkeyPatch) -> None:
    job = fake_job(monkeypatch, "live", (sys.executable, "-c", "import time; time.sleep(1.2)"))
    stream = io.StringIO()
    with Progress(stream, live=True, total=1) as progress:
        run_all([job], network=False, workers=1, progress=progress)
    text = stream.getvalue()
    # The ticker redraws the running job with its elapsed seconds, in place.
    assert "\r\x1b[K[0/1] running: Fake live 1s" in text
    assert "[1/1] Fake live: passed (" in text
    assert text.endswith("\r\x1b[K")


def test_a_pipe_gets_plain_lines() -> None:
    read, write = os.pipe()
    with os.fdopen(write, "w") as stream:
        assert Progress.for_stream(stream, total=1).live is False
    os.close(read)


def test_local_time_limits_are_the_workflows_timeout_minutes() -> None:
    limits: dict[str, float] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            if "name" in job and "timeout-minutes" in job:
                limits[str(job["name"])] = float(job["timeout-minutes"])
    for job in JOBS:
        assert limits.get(job.name) == job.timeout_minutes, job.name


def test_the_outcome_of_a_timed_out_job_counts_as_failed() -> None:
    job = JOBS[0]
    assert Outcome(job, TIMED_OUT, 1.0).failed
    assert not Outcome(job, "skipped: needs Docker", 0.0).failed
