"""The one middleware every HTTP request passes: request id, host check, body limit, headers.

These were four middlewares (two of them Starlette's). Each layer is one more coroutine, one more
wrapped ``send``, and Starlette's build a ``Headers`` object per request; together they took about
a fifth of a small request's CPU time (docs/design.md, "Where the time goes"). One pure ASGI layer
reads the request headers once and wraps ``send`` and ``receive`` once. For each HTTP request:

1. **Request id**: generated, or taken from ``X-Request-ID`` when a trusted proxy sets it
   (see ``request_id``); set for the log formatter and error handlers, echoed in the response.
2. **Host check**: a ``Host`` header naming none of ``ALLOWED_HOSTS`` gets 400, so a forged host
   never reaches links or caches the app builds from it.
3. **Body limit**: a declared ``Content-Length`` above ``MAX_BODY_BYTES`` gets 413 before the
   body is read; every body is also counted as it is read (one sent without a length, or longer
   than it declared), and refused the same way once it passes the limit.
4. **Response headers**: every response, the refusals above included, gets each security header
   it lacks (see ``security``), ``Cache-Control: no-store`` under ``/api/``, and the request id.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .request_id import HEADER_KEY, request_id, request_id_for
from .security import (
    CACHE_CONTROL,
    DOCS_PATHS,
    ENCODED_DOCS_HEADERS,
    ENCODED_HEADERS,
    NO_STORE,
    SECURITY_HEADER_NAMES,
)

_HOST = b"host"
_CONTENT_LENGTH = b"content-length"
# Host headers already found allowed, so the usual request skips parsing its own. Bounded, since
# one allowed name can come with any port and a wildcard allows endless subdomains.
_REMEMBERED_HOSTS = 64


class BodyTooLargeError(HTTPException):
    """Raised by ``receive`` once a body passes the limit.

    An ``HTTPException``, so that FastAPI passes it on as it is (it turns other errors met while
    reading a body into a 400) and its handler answers 413 with the usual error body.
    """

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="Content Too Large")


def host_name(header: str) -> str:
    """The host part of a ``Host`` header, lower-cased: ``API.example:8000`` is ``api.example``.

    An IPv6 literal keeps its brackets (``[::1]:8000`` is ``[::1]``), as allowed hosts write it.
    """
    host, colon, port = header.rpartition(":")
    if colon and port.isdigit():
        return host.lower()
    return header.lower()


class EdgeMiddleware:
    """Request id, host check, body limit and response headers in one ASGI layer."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Sequence[str],
        max_body_bytes: int,
        trust_request_id: bool,
    ) -> None:
        self.app = app
        hosts = [host.lower() for host in allowed_hosts]
        self.any_host = "*" in hosts
        self.exact_hosts = frozenset(host for host in hosts if not host.startswith("*."))
        # "*.example.com" allows any subdomain of example.com, as Starlette's host check did.
        self.host_suffixes = tuple(host[1:] for host in hosts if host.startswith("*."))
        self.max_body_bytes = max_body_bytes
        self.trust_request_id = trust_request_id
        self.known_good_hosts: set[bytes] = set()

    def host_allowed(self, header: bytes | None) -> bool:
        if self.any_host:
            return True
        if header is None:
            return False
        if header in self.known_good_hosts:
            return True
        host = host_name(header.decode("latin-1"))
        allowed = host in self.exact_hosts or host.endswith(self.host_suffixes)
        if allowed and len(self.known_good_hosts) < _REMEMBERED_HOSTS:
            self.known_good_hosts.add(header)
        return allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host: bytes | None = None
        declared_length: bytes | None = None
        for name, value in scope["headers"]:
            # uvicorn and the test client send lower-case names, as the ASGI spec asks.
            if name == _HOST:
                host = value
            elif name == _CONTENT_LENGTH:
                declared_length = value
        identifier = request_id_for(scope["headers"], trusted=self.trust_request_id)
        # Not reset afterwards on purpose: the handler for unhandled errors runs outside every
        # middleware, in this same task, and must still see the id. Each request is its own task.
        request_id.set(identifier)

        path: str = scope["path"]
        api = path.startswith("/api/")
        defaults = ENCODED_DOCS_HEADERS if path.startswith(DOCS_PATHS) else ENCODED_HEADERS
        # The headers this layer always appends; the ones a route set itself are kept.
        appended = ((NO_STORE,) if api else ()) + ((HEADER_KEY, identifier.encode()),)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                if api and CACHE_CONTROL in present:
                    # API answers are per-user data: no cache keeps them, whatever a route says.
                    headers = [header for header in headers if header[0].lower() != CACHE_CONTROL]
                if present.isdisjoint(SECURITY_HEADER_NAMES):
                    headers += defaults  # the usual case: the route set none of them
                else:
                    headers += [header for header in defaults if header[0] not in present]
                headers += appended
                message["headers"] = headers
            await send(message)

        if not self.host_allowed(host):
            await PlainTextResponse("Invalid host header", 400)(scope, receive, send_with_headers)
            return
        if declared_length is not None:
            try:
                too_large = int(declared_length) > self.max_body_bytes
            except ValueError:
                too_large = False  # the server refuses a malformed length before we see it
            if too_large:
                await PlainTextResponse("Content Too Large", 413)(scope, receive, send_with_headers)
                return
        # Counted even with a declared length: the limit never depends on the server's parser.
        app_receive = self._counting(receive)
        try:
            await self.app(scope, app_receive, send_with_headers)
        except BodyTooLargeError:
            if started:
                raise
            await PlainTextResponse("Content Too Large", 413)(scope, receive, send_with_headers)

    def _counting(self, receive: Receive) -> Receive:
        """``receive`` for a body of unknown length: refused once it passes the limit."""
        received = 0

        async def receive_with_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLargeError
            return message

        return receive_with_limit
