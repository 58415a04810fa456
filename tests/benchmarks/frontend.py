"""Section 5: the frontend's build time and gzipped JavaScript size against its budget."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from .core import Figure, NotAvailableError, Settings, median, synced_project, timed_run

SECTION = "frontend"
BUDGET_KIB = 80.0  # frontend/scripts/check-bundle-size.mjs: 80 * 1024 bytes, gzipped


def gzipped_javascript_kib(dist: Path) -> float:
    """What check-bundle-size.mjs counts: every .js/.mjs under dist/, gzipped (level 6)."""
    total = 0
    for path in sorted(dist.rglob("*")):
        if path.suffix in (".js", ".mjs") and path.is_file():
            total += len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
    return total / 1024


def measure(settings: Settings) -> list[Figure]:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        raise NotAvailableError("node and npm are not on PATH")
    try:
        project = synced_project(settings, "full")
    except RuntimeError as error:
        raise NotAvailableError(f"the frontend variant does not render and sync: {error}") from None
    frontend = project / "frontend"
    if not (frontend / "package.json").is_file():
        raise NotAvailableError("the rendered project has no frontend/package.json")
    rounds = settings.repeat(5, 3)
    npm_floor = [timed_run([npm, "--version"], frontend, None, "npm --version")]
    installs = []
    for _ in range(settings.repeat(3, 1)):
        shutil.rmtree(frontend / "node_modules", ignore_errors=True)
        argv = [npm, "ci", "--no-audit", "--no-fund"]
        installs.append(timed_run(argv, frontend, None, "npm ci"))
        npm_floor.append(timed_run([npm, "--version"], frontend, None, "npm --version"))
    vite = frontend / "node_modules" / "vite" / "bin" / "vite.js"
    floor_argv = [node, str(vite), "--version"] if vite.is_file() else [node, "-e", "0"]
    floor_name = "vite --version" if vite.is_file() else "node -e 0"
    floor, builds = [], []
    for _ in range(rounds):
        floor.append(timed_run(floor_argv, frontend, None, floor_name))
        shutil.rmtree(frontend / "dist", ignore_errors=True)
        builds.append(timed_run([npm, "run", "build"], frontend, None, "npm run build"))
    size = gzipped_javascript_kib(frontend / "dist")
    build = Figure(
        SECTION,
        "npm run build",
        median(builds),
        "s",
        floor_name,
        median(floor),
        samples=builds,
        baseline_samples=floor,
    )
    install = Figure(
        SECTION,
        "npm ci (warm npm cache)",
        median(installs),
        "s",
        "npm --version",
        median(npm_floor),
        samples=installs,
        baseline_samples=npm_floor,
    )
    budget = Figure(
        SECTION,
        "gzipped JavaScript in dist/",
        size,
        "KiB",
        "budget",
        BUDGET_KIB,
        target=f"<= {BUDGET_KIB:.0f} KiB",
        met=size <= BUDGET_KIB,
        samples=[size],
    )
    return [build, install, budget]
