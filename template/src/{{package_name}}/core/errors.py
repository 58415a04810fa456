"""Exception handlers that answer with a generic body and log the details server-side.

No stack trace, setting or secret ever reaches a client; the request id does, so a user who
reports an error gives operators the key to its log lines. Validation errors keep their location
and message but drop the ``input`` pydantic would echo back (it may be a secret).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .request_id import HEADER as REQUEST_ID_HEADER
from .request_id import current_request_id
from .security import SECURITY_HEADERS

logger = logging.getLogger(__name__)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """422 with where and what, but never the rejected value."""
    raw_errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    errors = [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in raw_errors
    ]
    return JSONResponse(
        status_code=422, content={"detail": errors, "request_id": current_request_id()}
    )


async def unhandled_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """500 with a fixed body and the request id; the traceback goes to the server log only."""
    logger.error(
        "unhandled error",
        exc_info=exc,
        extra={"method": request.method, "path": request.url.path},
    )
    # This handler runs outside every middleware, so it sets the response headers itself.
    request_id = current_request_id()
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
    if request_id is not None:
        headers[REQUEST_ID_HEADER] = request_id
    return JSONResponse(
        status_code=500,
        content={"detail": "Internal server error", "request_id": request_id},
        headers=headers,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on an application."""
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(Exception, unhandled_error_handler)
