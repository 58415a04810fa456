"""The security headers every response carries.

``edge.EdgeMiddleware`` adds them to each response that lacks them, error responses produced
further down the stack included; the handler for unhandled errors, which runs outside every
middleware, sets them itself.
"""

from __future__ import annotations

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

# Encoded once: ASGI headers are lower-case byte pairs, and ``edge.EdgeMiddleware`` adds them
# to every response.
ENCODED_HEADERS = tuple(
    (name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
)
ENCODED_DOCS_HEADERS = tuple(
    header for header in ENCODED_HEADERS if header[0] != b"content-security-policy"
)
SECURITY_HEADER_NAMES = frozenset(name for name, _ in ENCODED_HEADERS)
CACHE_CONTROL = b"cache-control"
NO_STORE = (CACHE_CONTROL, b"no-store")
