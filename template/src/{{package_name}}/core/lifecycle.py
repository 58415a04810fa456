"""Startup and shutdown: the resources the app opens, in order, and closes in reverse.

``create_app`` builds a ``Lifecycle`` from a list of ``Resource`` entries (the LLM client, a
database engine...) and hands ``Lifecycle.lifespan`` to FastAPI. To add a resource, append one
entry to that list: it is opened after the ones before it and closed before them, and a resource
that fails to close is logged without stopping the others from closing.

Readiness turns "not ready" as soon as shutdown starts: when the process receives SIGTERM or
SIGINT (the first thing an orchestrator does to stop it), and at the latest when the lifespan
shutdown begins. With ``shutdown_delay_seconds`` the server keeps answering for that long after
the signal, so load balancers see ``/ready`` fail and stop sending traffic before the listening
socket closes.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

logger = logging.getLogger(__name__)

SHUTDOWN_SIGNALS = (signal.SIGTERM, signal.SIGINT)
SHUTTING_DOWN = "shutting down"

SignalHandler = Callable[[int, FrameType | None], Any]


async def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Resource:
    """Something opened at startup and closed at shutdown, such as a client or a pool."""

    name: str
    close: Callable[[], Awaitable[None]]
    open: Callable[[], Awaitable[None]] = _nothing


class Lifecycle:
    """Opens ``resources`` in order on startup and closes the opened ones in reverse."""

    def __init__(self, resources: Sequence[Resource], *, shutdown_delay_seconds: float = 0.0):
        self.resources = tuple(resources)
        self.shutdown_delay_seconds = shutdown_delay_seconds
        self.shutting_down = False
        self._previous: dict[int, SignalHandler] = {}

    def problems(self) -> tuple[str, ...]:
        """A readiness probe: once shutdown has started, the service takes no new traffic."""
        return (SHUTTING_DOWN,) if self.shutting_down else ()

    @asynccontextmanager
    async def lifespan(self, _app: object) -> AsyncIterator[None]:
        """The FastAPI lifespan: open, serve, then close whatever was opened."""
        opened: list[Resource] = []
        # The same app may be started again (a test client per test): each start is ready anew.
        self.shutting_down = False
        self._watch_signals()
        try:
            for resource in self.resources:
                await resource.open()
                opened.append(resource)
                logger.debug("opened %s", resource.name)
            yield
        finally:
            self.shutting_down = True
            self._restore_signals()
            for resource in reversed(opened):
                try:
                    await resource.close()
                except Exception:
                    # One client failing to close must not keep the others open.
                    logger.exception("closing %s failed", resource.name)
                else:
                    logger.debug("closed %s", resource.name)

    def _watch_signals(self) -> None:
        """Chain a handler in front of the server's, to mark shutdown the moment it starts.

        uvicorn installs its handlers with ``signal.signal`` before the lifespan starts, so the
        handler found here is the server's. Handlers can only be set in the main thread; the
        test client runs the app in another thread and gets no signal handling, as it should.
        """
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for number in SHUTDOWN_SIGNALS:
            previous = signal.getsignal(number)
            if not callable(previous):
                continue
            self._previous[number] = previous
            signal.signal(number, self._signal_handler(loop, previous))

    def _signal_handler(
        self, loop: asyncio.AbstractEventLoop, previous: SignalHandler
    ) -> SignalHandler:
        def handle(number: int, frame: FrameType | None) -> None:
            if self.shutting_down or self.shutdown_delay_seconds <= 0:
                # A second signal stops the server at once, as it would without this handler.
                self.shutting_down = True
                previous(number, frame)
                return
            self.shutting_down = True
            logger.info(
                "shutdown requested; not ready, stopping in %s s", self.shutdown_delay_seconds
            )
            # A signal handler may interrupt the event loop anywhere: hand over thread-safely.
            loop.call_soon_threadsafe(
                loop.call_later, self.shutdown_delay_seconds, previous, number, frame
            )

        return handle

    def _restore_signals(self) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        self._previous.clear()
