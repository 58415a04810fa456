"""Security headers on every response.

A pure ASGI middleware (not ``BaseHTTPMiddleware``) so it adds no per-request task and also
covers error responses produced further down the stack.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The policy forbids inline script: even if an attacker gets markup into a page, it cannot run.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}

# The interactive API docs load their UI from a CDN and run inline script; they are switched off
# in production, and elsewhere they keep the other headers but not the strict CSP.
DOCS_PATHS = ("/docs", "/redoc")

# Encoded once: ASGI headers are lower-case byte pairs, and this runs on every response.
_ENCODED = tuple(
    (name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
)
_DOCS_ENCODED = tuple(header for header in _ENCODED if header[0] != b"content-security-policy")
_CACHE_CONTROL = b"cache-control"
_NO_STORE = (_CACHE_CONTROL, b"no-store")


class SecurityHeadersMiddleware:
    """Adds each of ``SECURITY_HEADERS`` a response lacks; API responses get ``no-store``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        defaults = _DOCS_ENCODED if path.startswith(DOCS_PATHS) else _ENCODED
        api = path.startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", ())
                    if not (api and name.lower() == _CACHE_CONTROL)
                ]
                present = {name.lower() for name, _ in headers}
                headers += [header for header in defaults if header[0] not in present]
                if api:
                    headers.append(_NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
