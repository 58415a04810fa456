"""``uv run python -m tests.benchmarks [--quick] [--only SECTIONS] [--out DIR]``."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..conftest import REPO_ROOT
from . import ci, frontend, hook, render, service
from .core import Figure, NotAvailableError, Settings, Unavailable, load_average
from .report import write

Section = Callable[[Settings], Sequence[Figure | Unavailable]]
SECTIONS: dict[str, Section] = {
    "render": render.measure,
    "ci": ci.measure,
    "service": service.measure,
    "hook": hook.measure,
    "frontend": frontend.measure,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="uv run python -m tests.benchmarks",
        description="Benchmark the template and a rendered project; write Markdown and JSON.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions per figure")
    parser.add_argument(
        "--only",
        type=lambda text: [part.strip() for part in text.split(",") if part.strip()],
        default=list(SECTIONS),
        help=f"comma-separated sections (default: all): {','.join(SECTIONS)}",
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / ".bench", help="output directory")
    parser.add_argument("--keep", action="store_true", help="keep the rendered projects")
    return parser


def _revision() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    unknown = [name for name in options.only if name not in SECTIONS]
    if unknown:
        _parser().error(f"unknown section(s): {', '.join(unknown)}")
    workdir = Path(tempfile.mkdtemp(prefix="harness-bench-"))
    settings = Settings(quick=options.quick, workdir=workdir)
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "revision": _revision(),
        "cores": os.cpu_count(),
        "load average at start": load_average(),
        "machine": f"{platform.system()} {platform.machine()}",
        "mode": "quick" if options.quick else "full",
    }
    figures: list[Figure] = []
    unavailable: list[Unavailable] = []
    try:
        for name in options.only:
            started = time.perf_counter()
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
            try:
                for item in SECTIONS[name](settings):
                    if isinstance(item, Figure):
                        figures.append(item)
                    else:
                        unavailable.append(item)
            except (NotAvailableError, RuntimeError, OSError, TimeoutError) as error:
                unavailable.append(Unavailable(name, f"section {name}", str(error)))
            seconds = time.perf_counter() - started
            print(f"[bench] {name} done in {seconds:.0f} s", file=sys.stderr, flush=True)
    finally:
        meta["load average at end"] = load_average()
        if not options.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(write(options.out, meta, figures, unavailable))
    print(f"wrote {options.out / 'benchmarks.md'} and {options.out / 'benchmarks.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
