"""Structured logging: one JSON object per line on stdout.

JSON lines are what log collectors parse without regexes. Secrets never reach the log: settings
hold them as ``SecretStr`` (which prints as ``**********``) and no code logs request bodies.
Every line written while a request is handled carries that request's id.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from .request_id import current_request_id

# Attributes every LogRecord has; anything else was passed through ``extra=`` and is logged.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats a record as a single JSON object with its ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (request_id := current_request_id()) is not None:
            entry["request_id"] = request_id
        entry.update(
            (key, value) for key, value in vars(record).items() if key not in _STANDARD_ATTRIBUTES
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str, *, access_log: bool) -> None:
    """Route the root logger (and uvicorn's) to one JSON handler on stdout.

    uvicorn writes an access line whenever ``uvicorn.access`` has a handler anywhere up its
    chain, whatever its own ``access_log`` flag says, so that logger propagates to ours only
    when ``access_log`` asks for it.
    """
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = name != "uvicorn.access" or access_log
