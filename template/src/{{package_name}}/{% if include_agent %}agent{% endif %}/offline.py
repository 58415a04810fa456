"""A deterministic provider that needs no network and no key.

Tests, local runs and CI use it by default, so nothing leaves the machine unless an operator sets
``LLM_PROVIDER`` to a real provider.
"""

from __future__ import annotations


class OfflineProvider:
    """Answers with a fixed transformation of the prompt."""

    name = "offline"
    model = "offline-echo"

    def problems(self) -> tuple[str, ...]:
        return ()

    async def aclose(self) -> None:
        return None

    async def complete(self, prompt: str) -> str:
        words = len(prompt.split())
        return f"Offline answer ({words} words received): {prompt}"
