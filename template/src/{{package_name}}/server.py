"""uvicorn's httptools protocol with a bound on the size and the arrival time of a request head.

uvicorn 0.54 limits neither with httptools: the parser buffers a header for as long as it keeps
coming, so a client sending an endless header grows the server's memory without bound, and a
client sending one byte a second holds a connection forever. Its h11 protocol bounds the size
(``h11_max_incomplete_event_size``) but not the time, and parses in pure Python. This subclass
keeps the fast parser and adds both bounds (docs/design.md has the comparison):

* a head larger than ``MAX_HEADER_BYTES`` gets ``431`` and the connection is closed;
* a head that has not arrived in full ``HEADER_TIMEOUT_SECONDS`` after the connection opened or
  its first byte arrived gets ``408`` and the connection is closed.

Idle keep-alive connections are closed by uvicorn's own ``timeout_keep_alive``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from .core.config import get_settings

_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: text/plain; charset=utf-8\r\ncontent-length: 31\r\nconnection: close\r\n\r\n"
    b"Request header fields too large"
)
_TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: text/plain; charset=utf-8\r\ncontent-length: 15\r\nconnection: close\r\n\r\n"
    b"Request timeout"
)


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """One connection: uvicorn's protocol plus the head size and time bounds."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        # Read per connection from the cached settings: worker processes get them from the
        # environment as the parent did, where class attributes set in the parent would be lost.
        settings = get_settings()
        self.max_header_bytes = settings.max_header_bytes
        self.header_timeout_seconds = settings.header_timeout_seconds
        # Bytes of the current request head seen so far; None once the head is complete.
        self._head_bytes: int | None = 0
        # When the current head began (loop time); None once it is complete.
        self._head_started: float | None = None
        # At most one timer per connection, and not one per request: arming and cancelling a
        # timer for every request cost about 3 % of a small request's CPU time. The timer
        # re-arms itself while heads keep completing in time (see _head_deadline_passed).
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # A connection that never sends a complete head is closed too, not only a slow one.
        self._head_started = self.loop.time()
        self._arm_head_timer(self.header_timeout_seconds)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._head_bytes is not None:
            self._head_bytes += len(data)
        super().data_received(data)
        # Checked after parsing, so a head and body that arrive in one read are not refused for
        # the body's size; one read (at most 256 KiB) is the most that is buffered beyond the limit.
        if self._head_bytes is not None and self._head_bytes > self.max_header_bytes:
            self._refuse(_TOO_LARGE, "request head too large")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0
        self._head_started = self.loop.time()
        if self._head_timer is None:
            self._arm_head_timer(self.header_timeout_seconds)

    def on_headers_complete(self) -> None:
        self._head_bytes = None
        self._head_started = None
        super().on_headers_complete()

    def _arm_head_timer(self, delay: float) -> None:
        self._head_timer = self.loop.call_later(delay, self._head_deadline_passed)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_deadline_passed(self) -> None:
        """Runs at most once per timeout period: refuse a late head, or wait for the next one."""
        self._head_timer = None
        if self._head_started is None:
            # No head in progress: the next one arms the timer when its first byte arrives.
            return
        remaining = self._head_started + self.header_timeout_seconds - self.loop.time()
        if remaining > 0:
            # A later head than the one the timer was armed for: wait for its own deadline.
            self._arm_head_timer(remaining)
        elif self._head_bytes is not None:
            self._refuse(_TIMED_OUT, "request head timed out")

    def _refuse(self, response: bytes, reason: str) -> None:
        self._stop_head_timer()
        self._head_bytes = None
        self._head_started = None
        if not self.transport.is_closing():
            self.logger.warning("closing connection: %s", reason)
            self.transport.write(response)
            self.transport.close()
