"""A small HTTP/1.1 load generator on raw asyncio streams (the template's venv has no httpx).

A fixed number of requests is sent over ``concurrency`` keep-alive connections to 127.0.0.1,
bounded in time; each request's latency is recorded.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""

    def encode(self, port: int) -> bytes:
        head = f"{self.method} {self.path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        if self.body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(self.body)}\r\n"
        return (head + "\r\n").encode("ascii") + self.body


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response with a Content-Length body; return its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
        elif name.strip().lower() == "transfer-encoding":
            raise RuntimeError("chunked responses are not supported by this load generator")
    if length:
        await reader.readexactly(length)
    return status


async def _drive(port: int, request: Request, total: int, concurrency: int) -> LoadResult:
    payload = request.encode(port)
    remaining = total
    latencies: list[float] = []
    errors = 0

    async def connection() -> None:
        nonlocal remaining, errors
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                writer.write(payload)
                status = await _read_response(reader)
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return LoadResult(total, time.perf_counter() - started, latencies, errors)


def drive(
    port: int, request: Request, *, total: int, concurrency: int, timeout: float = 120.0
) -> LoadResult:
    """Send ``total`` requests with ``concurrency`` connections; give up after ``timeout`` s."""
    return asyncio.run(asyncio.wait_for(_drive(port, request, total, concurrency), timeout))
