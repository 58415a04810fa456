"""``NoteRepository`` on PostgreSQL; every statement is built with SQLAlchemy, never a string."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession

from ..domain.notes import DuplicateNoteError, Note, StorageUnavailableError
from .engine import UNREACHABLE, Database
from .models import NoteRow

logger = logging.getLogger(__name__)

# PostgreSQL's SQLSTATE for a unique constraint violation.
UNIQUE_VIOLATION = "23505"


def _note(row: NoteRow) -> Note:
    return Note(id=row.id, title=row.title, body=row.body, created_at=row.created_at)


def _unavailable(error: DBAPIError | PoolTimeoutError) -> bool:
    """Whether an error means the server is gone (rather than a bug in a statement)."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeoutError):
        return True
    return error.connection_invalidated


class SqlNoteRepository:
    """Notes in the ``notes`` table."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on any error.

        Losing the server mid-request becomes ``StorageUnavailableError`` (the API answers 503);
        the pool replaces the dead connection on its next checkout.
        """
        try:
            async with self.database.sessions().begin() as session:
                yield session
        except (DBAPIError, PoolTimeoutError) as error:
            if isinstance(error, IntegrityError) or not _unavailable(error):
                raise
            # The driver's first line says what failed (host, port, reason), never the password.
            logger.warning("database unavailable", extra={"error": str(error).splitlines()[0]})
            raise StorageUnavailableError(UNREACHABLE) from None
        except OSError as error:
            logger.warning("database unavailable", extra={"error": type(error).__name__})
            raise StorageUnavailableError(UNREACHABLE) from None

    async def add(self, title: str, body: str) -> Note:
        try:
            async with self._transaction() as session:
                row = NoteRow(title=title, body=body)
                session.add(row)
                await session.flush()
                await session.refresh(row)
                return _note(row)
        except IntegrityError as error:
            if getattr(error.orig, "sqlstate", None) == UNIQUE_VIOLATION:
                raise DuplicateNoteError("a note with this title exists") from None
            raise

    async def recent(self, limit: int) -> tuple[Note, ...]:
        statement = select(NoteRow).order_by(NoteRow.id.desc()).limit(limit)
        async with self._transaction() as session:
            rows = (await session.scalars(statement)).all()
        return tuple(_note(row) for row in rows)

    async def problems(self) -> tuple[str, ...]:
        return await self.database.problems()
