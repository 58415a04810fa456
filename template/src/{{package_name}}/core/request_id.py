"""A request id on every request: in the response header, in every log line, in error bodies.

The id comes from the ``X-Request-ID`` header only when the service runs behind a proxy that the
settings trust (``BEHIND_PROXY=true``); anyone can send the header, so otherwise it is generated.
An accepted id must look like an id (at most 128 letters, digits, ``-``, ``_``, ``.``), so it
cannot inject text into log lines. ``edge.EdgeMiddleware`` sets it for each request.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from contextvars import ContextVar

HEADER = "X-Request-ID"
# ASGI header names are lower-case bytes.
HEADER_KEY = HEADER.lower().encode()
_VALID = re.compile(rb"[A-Za-z0-9._-]{1,128}")

# Read by the log formatter and the error handlers; set for the duration of each request.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def new_request_id() -> str:
    """32 random hex digits: unique enough to find one request in the logs."""
    return os.urandom(16).hex()


def request_id_for(headers: Iterable[tuple[bytes, bytes]], *, trusted: bool) -> str:
    """The id a trusted proxy sent, if it looks like one; otherwise a new one."""
    if trusted:
        for name, value in headers:
            if name == HEADER_KEY and _VALID.fullmatch(value):
                return value.decode("ascii")
    return new_request_id()


def current_request_id() -> str | None:
    """The id of the request being handled, if any."""
    return request_id.get()
