"""A request id on every request: in the response header, in every log line, in error bodies.

The id comes from the ``X-Request-ID`` header only when the service runs behind a proxy that the
settings trust (``BEHIND_PROXY=true``); anyone can send the header, so otherwise it is generated.
An accepted id must look like an id (at most 128 letters, digits, ``-``, ``_``, ``.``), so it
cannot inject text into log lines. A pure ASGI middleware, like the security headers.
"""

from __future__ import annotations

import os
import re
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode()
_VALID = re.compile(rb"[A-Za-z0-9._-]{1,128}")

# Read by the log formatter and the error handlers; set for the duration of each request.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def new_request_id() -> str:
    """32 random hex digits: unique enough to find one request in the logs."""
    return os.urandom(16).hex()


def current_request_id() -> str | None:
    """The id of the request being handled, if any."""
    return request_id.get()


class RequestIdMiddleware:
    """Gives each HTTP request an id and echoes it in the ``X-Request-ID`` response header."""

    def __init__(self, app: ASGIApp, *, trust_header: bool) -> None:
        self.app = app
        self.trust_header = trust_header

    def _id_for(self, scope: Scope) -> str:
        if self.trust_header:
            for name, value in scope["headers"]:
                if name == _HEADER_KEY and _VALID.fullmatch(value):
                    return str(value.decode("ascii"))
        return new_request_id()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        value = self._id_for(scope)
        encoded = (_HEADER_KEY, value.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), encoded]
            await send(message)

        # Not reset afterwards on purpose: the handler for unhandled errors runs outside every
        # middleware, in this same task, and must still see the id. Each request is its own task.
        request_id.set(value)
        await self.app(scope, receive, send_with_id)
