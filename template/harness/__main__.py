# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""Command line: ``uv run -m harness [ci | list | sync | JOB...]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict

from . import sync
from .jobs import JOBS, JOBS_BY_KEY
from .runner import Progress, network_allowed, run_all, run_job, summary_table


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="uv run -m harness",
        description="Run this project's CI jobs locally, exactly as GitHub runs them.",
        epilog="Jobs: " + ", ".join(f"{job.key} ({job.name})" for job in JOBS),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ci = sub.add_parser(
        "ci", help="run every job in parallel, showing progress, then print a summary table"
    )
    ci.add_argument("--network", action="store_true", help="also run jobs that need the network")
    ci.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel jobs")
    ci.add_argument("--only", nargs="+", choices=sorted(JOBS_BY_KEY), help="run just these")
    rewrite = sub.add_parser(
        "sync",
        help="rewrite the workflow jobs, protection files and job table from harness/jobs.py",
    )
    rewrite.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything would change"
    )
    listing = sub.add_parser("list", help="list the jobs")
    listing.add_argument("--json", action="store_true", help="print JSON")
    run = sub.add_parser("run", help="run jobs one after another with live output")
    run.add_argument("keys", nargs="+", choices=sorted(JOBS_BY_KEY), metavar="JOB")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # `uv run -m harness lint` is shorthand for `uv run -m harness run lint`.
    if arguments and arguments[0] in JOBS_BY_KEY:
        arguments.insert(0, "run")
    options = _parser().parse_args(arguments)
    if options.command == "sync":
        return sync.main(["--check"] if options.check else [])
    if options.command == "list":
        if options.json:
            print(json.dumps([asdict(job) for job in JOBS], indent=2))
        else:
            for job in JOBS:
                print(f"{job.key:<24} {job.name}")
        return 0
    if options.command == "run":
        outcomes = [run_job(JOBS_BY_KEY[key], capture=False) for key in options.keys]
        return 1 if any(outcome.failed for outcome in outcomes) else 0
    selected = [job for job in JOBS if not options.only or job.key in options.only]
    with Progress.for_stream(sys.stdout, total=len(selected)) as progress:
        outcomes = run_all(
            selected,
            network=network_allowed(options.network),
            workers=options.jobs,
            progress=progress,
        )
    for outcome in outcomes:
        if outcome.failed:
            print(f"::group::{outcome.job.name} ({outcome.status})\n{outcome.output}::endgroup::")
    print(summary_table(outcomes))
    return 1 if any(outcome.failed for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
