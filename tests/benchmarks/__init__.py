"""Benchmarks of the template and of the projects it renders (not tests: nothing asserts times).

Run ``uv run python -m tests.benchmarks [--quick] [--only render,ci,service,hook,frontend]``;
the results go to ``.bench/benchmarks.md`` and ``.bench/benchmarks.json``. Every figure is the
median of several runs, shown next to a baseline measured in the same run, as a ratio.
"""
