"""Section 4: the agent hooks' decision time per call, and the meta-gates' run times."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from .core import Figure, Settings, median, synced_project, timed_run

SECTION = "hook"
TARGET_MS = 50.0
GATES = ("protection_sync", "commit_types", "audit_exceptions", "parity")

# (label, hook script, tool name, tool input, expected exit code)
CALLS: tuple[tuple[str, str, str, dict[str, str], int], ...] = (
    ("Bash `git status` (allowed)", "pretooluse_bash.py", "Bash", {"command": "git status"}, 0),
    (
        "Bash `git push --force origin main` (blocked)",
        "pretooluse_bash.py",
        "Bash",
        {"command": "git push --force origin main"},
        2,
    ),
    (
        "Bash `git add -A && git commit -m ...` (secret scan of the diff)",
        "pretooluse_bash.py",
        "Bash",
        {"command": "git add -A && git commit -m 'feat: add a thing'"},
        0,
    ),
    (
        "Bash long pipeline with `bash -c` and `$( )` (allowed)",
        "pretooluse_bash.py",
        "Bash",
        {"command": "bash -c 'for f in $(git ls-files); do wc -l \"$f\"; done | sort -n | tail'"},
        0,
    ),
    ("Edit src/ file (allowed)", "guard_edits.py", "Edit", {"file_path": "src/app.py"}, 0),
    (
        "Edit .claude/settings.json (blocked)",
        "guard_edits.py",
        "Edit",
        {"file_path": ".claude/settings.json"},
        2,
    ),
)


# Commands of about 100 KB, each shaped to make a different part of the guard work hardest:
# the parser, word expansion, path checks, globs, git pathspecs. The guard must answer every one
# within its time budget (2 s; past it, it denies); the figure is the slowest of them.
LARGE = 100 * 1024
LARGE_COMMANDS: dict[str, str] = {
    "`echo` chain": " && ".join(["echo hello"] * (LARGE // 13)),
    "many path arguments": "ls " + " ".join(["src/x.py"] * (LARGE // 9)),
    "many deletions": "rm -f " + " ".join(f"build/f{i}.o" for i in range(LARGE // 14)),
    "many globs": "rm -f " + " ".join(["build/*.o"] * (LARGE // 10)),
    "long pipeline": " | ".join(["cat"] * (LARGE // 6)),
    "many assignments": "; ".join(f"X{i}=v" for i in range(LARGE // 8)) + "; echo $X1",
    "git add of many paths": "git add " + " ".join(f"src/f{i}.py" for i in range(LARGE // 12)),
    "here-document": "cat > notes.md <<'EOF'\n" + "line of text\n" * (LARGE // 13) + "EOF",
    # Shapes adversaries used to push the guard past its timeout: a glob over the whole disk in
    # a command that never runs, and text the secret scan's generic rule once took quadratic
    # time on.
    "glob over the disk": "true || cat /*/*/*/*/*/*/*/*; " + "echo x; " * (LARGE // 8 - 8),
    "secret-scan bait": ": " + "sk-" * (LARGE // 3 - 1),
}


def system_python() -> str:
    """The ``python3`` Claude Code would start: the first on PATH outside virtual environments.

    Version-manager shims (pyenv's is a shell script that costs ~300 ms) are skipped: they
    measure the version manager, not the hook.
    """
    directories = [
        entry
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry and "shims" not in entry and not (Path(entry).parent / "pyvenv.cfg").exists()
    ]
    found = shutil.which("python3", path=os.pathsep.join(directories))
    if found is None:
        raise RuntimeError("no python3 on PATH")
    return found


def call(python: str, project: Path, hook: str, payload: bytes, expected: int | None) -> float:
    argv = [python, "-S", str(project / ".claude" / "hooks" / hook)]
    env = dict(os.environ, CLAUDE_PROJECT_DIR=str(project))
    started = time.perf_counter()
    result = subprocess.run(argv, input=payload, cwd=project, env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    if result.returncode != expected and not (expected is None and result.returncode in (0, 2)):
        raise RuntimeError(
            f"{hook} answered {result.returncode}, expected {expected}: {result.stderr!r}"
        )
    return elapsed


def worst_case(python: str, project: Path, floor: list[float], settings: Settings) -> Figure:
    """The slowest decision over the ~100 KB commands (each run a few times)."""
    slowest: dict[str, float] = {}
    for label, command in LARGE_COMMANDS.items():
        payload = json.dumps(
            {"tool_name": "Bash", "tool_input": {"command": command}, "cwd": str(project)}
        ).encode()
        runs = [
            call(python, project, "pretooluse_bash.py", payload, None) * 1000
            for _ in range(settings.repeat(3, 1))
        ]
        slowest[label] = max(runs)
    label = max(slowest, key=lambda name: slowest[name])
    figure = Figure(
        SECTION,
        "hook decision: slowest ~100 KB command",
        slowest[label],
        "ms",
        "python3 -S -c pass",
        median(floor),
        target="< 2000 ms",
        samples=list(slowest.values()),
        note=f"slowest: {label}; {len(LARGE_COMMANDS)} shapes",
    )
    figure.met = figure.median < 2000
    return figure


def measure(settings: Settings) -> list[Figure]:
    project = synced_project(settings, "default")
    python = system_python()
    rounds = settings.repeat(30, 10)
    floor_argv = [python, "-S", "-c", "pass"]
    floor = [timed_run(floor_argv, project, None, "python -S") * 1000 for _ in range(rounds)]
    figures = []
    every: list[float] = []
    for label, hook, tool, tool_input, expected in CALLS:
        payload = json.dumps(
            {
                "session_id": "bench",
                "hook_event_name": "PreToolUse",
                "tool_name": tool,
                "tool_input": tool_input,
                "cwd": str(project),
            }
        ).encode()
        call(python, project, hook, payload, expected)  # compiles and caches the bytecode
        samples = [call(python, project, hook, payload, expected) * 1000 for _ in range(rounds)]
        every += samples
        figure = Figure(
            SECTION,
            f"hook decision: {label}",
            median(samples),
            "ms",
            "python3 -S -c pass",
            median(floor),
            target=f"< {TARGET_MS:.0f} ms",
            samples=samples,
            baseline_samples=floor,
        )
        figure.met = figure.median < TARGET_MS
        figures.append(figure)
    overall = Figure(
        SECTION,
        "hook decision: every call above",
        median(every),
        "ms",
        "python3 -S -c pass",
        median(floor),
        target=f"< {TARGET_MS:.0f} ms",
        baseline_samples=floor,
        note=f"{python}, {len(every)} calls",
    )
    overall.met = overall.median < TARGET_MS
    figures.insert(0, overall)
    figures.append(worst_case(python, project, floor, settings))
    venv_python = str(project / ".venv" / "bin" / "python")
    gate_rounds = settings.repeat(5, 3)
    gate_floor = [
        timed_run([venv_python, "-c", "pass"], project, None, "python -c pass")
        for _ in range(gate_rounds)
    ]
    for gate in GATES:
        argv = [venv_python, "-m", f"harness.gates.{gate}"]
        samples = [timed_run(argv, project, None, gate) for _ in range(gate_rounds)]
        figures.append(
            Figure(
                SECTION,
                f"meta-gate {gate}",
                median(samples),
                "s",
                "project python -c pass",
                median(gate_floor),
                samples=samples,
                baseline_samples=gate_floor,
            )
        )
    return figures
