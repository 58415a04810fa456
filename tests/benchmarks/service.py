"""Section 3: the rendered service under load, against a bare FastAPI app with the same routes."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .core import PACKAGE, Figure, Settings, median, synced_project
from .loadgen import HOST, LoadResult, Request, drive

SECTION = "service"
REQUESTS = 3000
CONCURRENCY = 32
HEALTH = "/api/v1/health"
THROUGHPUT_TARGET = 0.8
# Start to first healthy response within 10 % of the bare app's.
START_TARGET_RATIO = 1.1
START_TIMEOUT_SECONDS = 30.0

BARE_APP = '''\
"""The baseline: the rendered service's routes on a bare FastAPI app, without middleware."""

from fastapi import FastAPI
from pydantic import BaseModel


class HealthResponse(BaseModel):
    status: str
    version: str


class ChatRequest(BaseModel):
    prompt: str


class ChatResponse(BaseModel):
    answer: str
    provider: str
    model: str


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/api/v1/health")
    async def health() -> HealthResponse:
        return HealthResponse(status="ok", version="0.1.0")

    @app.post("/api/v1/agent/chat")
    async def chat(request: ChatRequest) -> ChatResponse:
        words = len(request.prompt.split())
        answer = f"Offline answer ({words} words received): {request.prompt}"
        return ChatResponse(answer=answer, provider="offline", model="offline-echo")

    return app
'''

# The same uvicorn settings `python -m <package>` uses (see its __main__.py).
BARE_LAUNCHER = """\
import sys
import uvicorn

uvicorn.run(
    "bare_app:create_app",
    factory=True,
    host="127.0.0.1",
    port=int(sys.argv[1]),
    workers=1,
    log_config=None,
    proxy_headers=False,
    server_header=False,
)
"""

ENDPOINTS = {
    f"GET {HEALTH}": Request("GET", HEALTH),
    "POST /api/v1/agent/chat (StrictModel)": Request(
        "POST", "/api/v1/agent/chat", json.dumps({"prompt": "How fast is this service?"}).encode()
    ),
}


@dataclass(frozen=True)
class Server:
    """How to start one of the two apps on a given port."""

    name: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]

    def command(self, port: int) -> tuple[list[str], dict[str, str]]:
        env = dict(self.env, PORT=str(port))
        argv = [part.replace("{port}", str(port)) for part in self.argv]
        return argv, env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def healthy(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=1)
    try:
        connection.request("GET", HEALTH)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def serving(server: Server) -> Iterator[tuple[subprocess.Popen[bytes], int, float]]:
    """Start the server; yield the process, its port and the seconds to the first 200."""
    port = free_port()
    argv, env = server.command(port)
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=server.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not healthy(port):
            if process.poll() is not None:
                raise RuntimeError(f"{server.name} exited with {process.returncode} on start")
            if time.perf_counter() - started > START_TIMEOUT_SECONDS:
                raise RuntimeError(f"{server.name} was not healthy in {START_TIMEOUT_SECONDS} s")
            time.sleep(0.01)
        yield process, port, time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (from /proc, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def servers(settings: Settings) -> tuple[Server, Server]:
    project = synced_project(settings, "default")
    python = str(project / ".venv" / "bin" / "python")
    # Both apps start as deployed: the image compiles bytecode when it is built
    # (UV_COMPILE_BYTECODE), so a start reads .pyc files instead of compiling every module. A
    # PYTHONDONTWRITEBYTECODE inherited from the machine would have both compile on each start
    # and measure the compiler, not the apps; the untimed first start below writes the .pyc files.
    dropped = {"VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(ENVIRONMENT="test", ALLOWED_HOSTS=HOST, HOST=HOST)
    rendered = Server("rendered service", [python, "-m", PACKAGE], project, env)
    bare_dir = settings.workdir / "bare-app"
    bare_dir.mkdir(parents=True, exist_ok=True)
    (bare_dir / "bare_app.py").write_text(BARE_APP)
    (bare_dir / "launch.py").write_text(BARE_LAUNCHER)
    bare = Server("bare FastAPI app", [python, "launch.py", "{port}"], bare_dir, env)
    return rendered, bare


def judged(figure: Figure, errors: int) -> Figure:
    """Mark a throughput figure as meeting the target only if no request failed."""
    figure.met = not errors and figure.ratio is not None and figure.ratio >= THROUGHPUT_TARGET
    return figure


def measure(settings: Settings) -> list[Figure]:
    rendered, bare = servers(settings)
    rounds = settings.repeat(5, 3)
    starts: dict[str, list[float]] = {rendered.name: [], bare.name: []}
    for server in (bare, rendered):
        with serving(server):
            pass
    for _ in range(settings.repeat(7, 3)):
        for server in (bare, rendered):
            with serving(server) as (_, _, seconds):
                starts[server.name].append(seconds)
    loads: dict[tuple[str, str], list[LoadResult]] = {}
    # Requests per CPU-second the server itself used: the load generator shares the two cores,
    # so wall-clock throughput also measures it; this figure does not.
    capacity: dict[tuple[str, str], list[float]] = {}
    memory: dict[str, float] = {}
    with (
        serving(rendered) as (rendered_process, rendered_port, _),
        serving(bare) as (bare_process, bare_port, _),
    ):
        ports = {rendered.name: rendered_port, bare.name: bare_port}
        pids = {rendered.name: rendered_process.pid, bare.name: bare_process.pid}
        for request in ENDPOINTS.values():  # warm-up: imports, caches, JIT-less paths
            for port in ports.values():
                drive(port, request, total=300, concurrency=CONCURRENCY)
        for _ in range(rounds):
            for endpoint, request in ENDPOINTS.items():
                for name, port in ports.items():
                    before = cpu_seconds(pids[name])
                    result = drive(port, request, total=REQUESTS, concurrency=CONCURRENCY)
                    used = cpu_seconds(pids[name]) - before
                    loads.setdefault((endpoint, name), []).append(result)
                    capacity.setdefault((endpoint, name), []).append(
                        REQUESTS / used if used else float("nan")
                    )
        memory[rendered.name] = resident_megabytes(rendered_process.pid)
        memory[bare.name] = resident_megabytes(bare_process.pid)
    figures = []
    for endpoint in ENDPOINTS:
        ours, theirs = loads[(endpoint, rendered.name)], loads[(endpoint, bare.name)]
        errors = sum(result.errors for result in ours + theirs)
        note = f"{errors} non-200 responses" if errors else ""
        rate = Figure(
            SECTION,
            f"{endpoint}: throughput",
            median([r.throughput for r in ours]),
            "req/s",
            f"{bare.name}: throughput",
            median([r.throughput for r in theirs]),
            target=f">= {THROUGHPUT_TARGET}x the bare app",
            samples=[r.throughput for r in ours],
            baseline_samples=[r.throughput for r in theirs],
            note=note or f"{REQUESTS} requests, {CONCURRENCY} connections, loopback",
        )
        figures.append(judged(rate, errors))
        mine, base = capacity[(endpoint, rendered.name)], capacity[(endpoint, bare.name)]
        per_cpu = Figure(
            SECTION,
            f"{endpoint}: requests per server CPU-second",
            median(mine),
            "req/CPU-s",
            f"{bare.name}: requests per CPU-second",
            median(base),
            target=f">= {THROUGHPUT_TARGET}x the bare app",
            samples=mine,
            baseline_samples=base,
            note="the server's own CPU time, so the load generator's share of the cores drops out",
        )
        figures.append(judged(per_cpu, errors))
        for label, fraction in (("p50", 0.5), ("p99", 0.99)):
            mine = [r.percentile(fraction) * 1000 for r in ours]
            base = [r.percentile(fraction) * 1000 for r in theirs]
            figures.append(
                Figure(
                    SECTION,
                    f"{endpoint}: {label} latency",
                    median(mine),
                    "ms",
                    f"{bare.name}: {label}",
                    median(base),
                    samples=mine,
                    baseline_samples=base,
                )
            )
    figures.append(
        Figure(
            SECTION,
            "resident memory after the load (VmRSS)",
            memory[rendered.name],
            "MiB",
            bare.name,
            memory[bare.name],
            samples=[memory[rendered.name]],
            baseline_samples=[memory[bare.name]],
        )
    )
    start = Figure(
        SECTION,
        "process start to first healthy response",
        median(starts[rendered.name]),
        "s",
        bare.name,
        median(starts[bare.name]),
        target=f"<= {START_TARGET_RATIO}x the bare app",
        samples=starts[rendered.name],
        baseline_samples=starts[bare.name],
        note="polled every 10 ms; bytecode compiled, as in the image",
    )
    start.met = start.ratio is not None and start.ratio <= START_TARGET_RATIO
    figures.append(start)
    return figures
