"""What "healthy" and "ready" mean for this service."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Readiness:
    """Whether the service can take traffic, and if not, why."""

    problems: tuple[str, ...] = field(default=())

    @property
    def ready(self) -> bool:
        return not self.problems
