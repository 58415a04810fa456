"""Another process's ``/proc`` status, found by the pid this process knows it by.

A pid is a number in one PID namespace, and ``/proc`` numbers processes in the namespace of
whoever mounted it. Usually the two are the same. In an OS sandbox they need not be: srt (the
sandbox runtime Claude Code's sandbox is built on) mounts ``/proc`` for the PID namespace
bubblewrap creates, then runs the command in a namespace nested inside that one. There
``/proc/<Popen.pid>`` is some other process of the sandbox, or nothing. The ``NSpid`` line of
each status file lists the process's pid in every namespace from ``/proc``'s down to its own,
which maps one numbering onto the other.
"""

from __future__ import annotations

from pathlib import Path

PROC = Path("/proc")


def namespace_pids(status: str) -> list[int]:
    """The ``NSpid`` numbers of a status text, outermost first; empty before Linux 4.1."""
    for line in status.splitlines():
        if line.startswith("NSpid:"):
            return [int(field) for field in line.split()[1:]]
    return []


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None  # the process exited (or was reaped) since it was listed


def _same_namespace(entry: Path) -> bool:
    try:
        return (entry / "ns" / "pid").readlink() == (PROC / "self" / "ns" / "pid").readlink()
    except OSError:
        return False  # gone, or not ours to inspect: not a process of this namespace


def status(pid: int) -> str | None:
    """``/proc/<n>/status`` of the process that is ``pid`` here; None once it has been reaped."""
    depth = len(namespace_pids((PROC / "self" / "status").read_text()))
    if depth <= 1:
        # /proc numbers processes as this process does.
        return _read(PROC / str(pid) / "status")
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        text = _read(entry / "status")
        if text is None:
            continue
        numbers = namespace_pids(text)
        if len(numbers) == depth and numbers[-1] == pid and _same_namespace(entry):
            return text
    return None
