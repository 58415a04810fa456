"""Run the service with uvicorn: ``uv run -m <package>``."""

from __future__ import annotations

import uvicorn

from .core.config import get_settings


def run() -> None:
    """Serve the application factory with the host, port and workers from the settings."""
    settings = get_settings()
    uvicorn.run(
        f"{__package__}.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=None,  # our JSON logging is configured by the app factory
        proxy_headers=settings.behind_proxy,
        server_header=False,
        # One JSON log line per request costs throughput; put access logs in the proxy instead.
        access_log=settings.access_log,
        # httptools with a bound on request-head size and time (see server.py).
        http=f"{__package__}.server:LimitedHttpToolsProtocol",
        timeout_keep_alive=settings.keep_alive_timeout_seconds,
        # Requests still running this long after shutdown starts are cut off: a stuck request
        # must not keep a stopping process alive until the orchestrator kills it.
        timeout_graceful_shutdown=settings.graceful_shutdown_seconds,
    )


if __name__ == "__main__":
    run()
