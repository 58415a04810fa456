"""The base every request and response model derives from.

``extra="forbid"`` turns a typo or a renamed field into a 422 at the seam instead of a silently
dropped value (mass assignment, OWASP API3); ``strict=True`` refuses type coercion, so ``true``
is never accepted where a number is expected; ``frozen=True`` makes models safe to share.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A pydantic model that refuses unknown fields and loose types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
