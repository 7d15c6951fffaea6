"""Repeating events (reviews, visits, assessments...) as vectorised renewal chains.

A chain starts at a first date and repeats after a gap until a stop date. All chains advance
together one step at a time, so the loop runs over steps (tens), never over children.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

Gap = Callable[[np.ndarray, int, np.ndarray], np.ndarray]  # (owners, step, current day) -> days


def chain(owner: np.ndarray, first: np.ndarray, stop: np.ndarray, gap: Gap,
          max_steps: int = 400) -> pl.DataFrame:
    """Events `first`, then `first + gap`, ... strictly before `stop`, one row each.

    Columns: owner (index into the inputs), day, step (0 for the first event).
    """
    owners, days, steps = [], [], []
    idx = np.arange(owner.size)
    current = np.asarray(first, dtype=np.int64).copy()
    stop = np.asarray(stop, dtype=np.int64)
    for step in range(max_steps):
        live = current < stop[idx]
        idx, current = idx[live], current[live]
        if idx.size == 0:
            break
        owners.append(owner[idx])
        days.append(current)
        steps.append(np.full(idx.size, step, dtype=np.int32))
        current = current + np.maximum(1, gap(idx, step, current))
    if not owners:
        return pl.DataFrame(schema={"owner": pl.Int64, "day": pl.Int64, "step": pl.Int32})
    return pl.DataFrame({
        "owner": np.concatenate(owners).astype(np.int64),
        "day": np.concatenate(days),
        "step": np.concatenate(steps),
    })


def late_or_early(rng: np.random.Generator, due: np.ndarray, late_p: float,
                  early: tuple[int, int], late: tuple[int, int]) -> np.ndarray:
    """Dates around `due`: mostly a little before it, sometimes after it (late)."""
    n = due.size
    before = rng.integers(early[0], early[1] + 1, n)
    after = rng.integers(late[0], late[1] + 1, n)
    return np.where(rng.random(n) < late_p, due + after, due - before)
