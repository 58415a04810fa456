"""Readiness: the service is ready when none of its dependencies reports a problem."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.health import Readiness


def assess_readiness(problem_reports: Iterable[Iterable[str]]) -> Readiness:
    """Collect every dependency's problems into one verdict."""
    return Readiness(problems=tuple(problem for report in problem_reports for problem in report))
