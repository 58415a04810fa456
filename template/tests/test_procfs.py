"""The pid-to-/proc mapping the process tests rely on, checked where they run (also in srt)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .procfs import namespace_pids, status

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="reads /proc, which only Linux has in this form"
)


def field(status_text: str, name: str) -> str:
    """One field of a /proc status text (``Pid`` and ``PPid`` count in /proc's namespace)."""
    prefix = f"{name}:\t"
    return next(line[len(prefix) :] for line in status_text.splitlines() if line.startswith(prefix))


def own_proc_pid() -> str:
    """This process's number in /proc, which /proc/self always resolves to."""
    return field(Path("/proc/self/status").read_text(), "Pid")


def test_this_process_is_found_by_its_own_pid() -> None:
    found = status(os.getpid())
    assert found is not None
    assert field(found, "Pid") == own_proc_pid()


def test_a_child_is_found_until_it_is_reaped() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        found = status(child.pid)
        assert found is not None
        assert field(found, "PPid") == own_proc_pid(), "found a process that is not the child"
    finally:
        child.kill()
        child.wait()
    assert status(child.pid) is None


def test_namespace_pids_read_the_outermost_first() -> None:
    assert namespace_pids("Name:\tx\nNSpid:\t812\t7\t2\nNSgid:\t812\n") == [812, 7, 2]
    assert namespace_pids("Name:\tx\nPid:\t9\n") == []
