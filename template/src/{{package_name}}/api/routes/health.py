"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence

from fastapi import APIRouter, Response, status

from ... import __version__
from ...services.health import assess_readiness
from ..deps import ReadinessProbe, ReadinessProbesDep
from ..schemas import HealthResponse, ReadinessResponse

router = APIRouter(tags=["health"])


# No dependencies: probes call this often, and FastAPI would solve each one on every call.
@router.get("/health")
async def health() -> HealthResponse:
    """Liveness: the process is up and serving requests."""
    return HealthResponse(status="ok", version=__version__)


@router.get(
    "/ready",
    responses={status.HTTP_503_SERVICE_UNAVAILABLE: {"model": ReadinessResponse}},
)
async def ready(probes: ReadinessProbesDep, response: Response) -> ReadinessResponse:
    """Readiness: every dependency is configured and able to serve."""
    readiness = assess_readiness([await _report(probe) for probe in probes])
    if not readiness.ready:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return ReadinessResponse(status="not ready", problems=readiness.problems)
    return ReadinessResponse(status="ready", problems=())


async def _report(probe: ReadinessProbe) -> Sequence[str]:
    """One probe's problems; a probe that asks a server (the database) is awaited."""
    report = probe()
    if isinstance(report, Awaitable):
        return await report
    return report
