"""The connection pool, built once by ``main`` and closed at shutdown.

The URL arrives as a plain string taken out of the settings' ``SecretStr`` at the last moment;
nothing here logs it, and SQLAlchemy shows it with the password masked.
"""

from __future__ import annotations

from sqlalchemy import URL, make_url, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ..domain.notes import StorageUnavailableError

NOT_CONFIGURED = "DATABASE_URL is not set"
UNREACHABLE = "database unreachable"
DRIVER = "postgresql+psycopg"


def async_url(url: str) -> URL:
    """``postgresql://...`` (what libpq tools and most hosts hand out) for psycopg 3."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        # Never echo the URL: it holds the password.
        raise ValueError("DATABASE_URL must be a postgresql:// URL")
    return parsed.set(drivername=DRIVER)


class Database:
    """An async engine and its session factory, or nothing when no URL is configured."""

    def __init__(
        self, url: str, *, pool_size: int = 5, connect_timeout_seconds: float = 5.0
    ) -> None:
        self.engine: AsyncEngine | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        if url:
            self.engine = create_async_engine(
                async_url(url),
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_timeout=connect_timeout_seconds,
                # A connection the server dropped (a restart, a failover) is noticed and replaced
                # when it is checked out, so the service recovers without a restart of its own.
                pool_pre_ping=True,
                # Errors and logs show the SQL, never the values bound into it (user data).
                hide_parameters=True,
                connect_args={"connect_timeout": max(1, round(connect_timeout_seconds))},
            )
            self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """The session factory. Raises ``StorageUnavailableError`` without a URL."""
        if self._sessions is None:
            raise StorageUnavailableError(NOT_CONFIGURED)
        return self._sessions

    async def problems(self) -> tuple[str, ...]:
        """A readiness probe: one round trip to the server."""
        if self.engine is None:
            return (NOT_CONFIGURED,)
        try:
            async with self.engine.connect() as connection:
                await connection.execute(select(1))
        except (SQLAlchemyError, OSError):
            return (UNREACHABLE,)
        return ()

    async def dispose(self) -> None:
        """Close every pooled connection (at shutdown)."""
        if self.engine is not None:
            await self.engine.dispose()
