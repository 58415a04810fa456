"""The Markdown table and the JSON file the benchmarks write."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .core import Figure, Unavailable


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def _met(value: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[value]


def markdown(
    meta: Mapping[str, Any], figures: Sequence[Figure], unavailable: Sequence[Unavailable]
) -> str:
    lines = [
        "# Harness benchmarks",
        "",
        ", ".join(f"{key}: {value}" for key, value in meta.items()),
        "",
        "| section | figure | median | unit | baseline | baseline median | ratio | target "
        "| met | runs | note |",
        "|---|---|--:|---|---|--:|--:|---|---|--:|---|",
    ]
    for figure in figures:
        ratio = figure.ratio
        cells = [
            figure.section,
            figure.name,
            _number(figure.median),
            figure.unit,
            figure.baseline,
            _number(figure.baseline_median),
            "-" if ratio is None else f"{ratio:.2f}x",
            figure.target,
            _met(figure.met),
            str(len(figure.samples)),
            figure.note,
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    for item in unavailable:
        lines.append(
            f"| {item.section} | {item.name} | - | | | | | | | | not available: "
            + item.reason.replace("|", "\\|").replace("\n", " ")
            + " |"
        )
    return "\n".join(lines) + "\n"


def write(
    out: Path,
    meta: Mapping[str, Any],
    figures: Sequence[Figure],
    unavailable: Sequence[Unavailable],
) -> str:
    out.mkdir(parents=True, exist_ok=True)
    table = markdown(meta, figures, unavailable)
    (out / "benchmarks.md").write_text(table)
    data = {
        "meta": dict(meta),
        "figures": [figure.as_json() for figure in figures],
        "unavailable": [vars(item) for item in unavailable],
    }
    (out / "benchmarks.json").write_text(json.dumps(data, indent=2) + "\n")
    return table
