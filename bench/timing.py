"""Timing helpers: medians of wall-clock and CPU time."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Timing:
    """Median wall-clock and CPU milliseconds of ``runs`` calls."""

    median_ms: float
    cpu_ms: float
    runs: int
    min_ms: float
    max_ms: float

    def as_dict(self) -> dict[str, Any]:
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in asdict(self).items()}


def measure(call: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[Timing, Any]:
    """Call ``call`` ``warmup`` times untimed, then ``runs`` times; returns the last result."""
    result = None
    for _ in range(warmup):
        result = call()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    timing = Timing(
        median_ms=statistics.median(walls),
        cpu_ms=statistics.median(cpus),
        runs=runs,
        min_ms=min(walls),
        max_ms=max(walls),
    )
    return timing, result
