"""Small random-drawing and day-number helpers shared by the generator modules.

Dates are simulated as integer day numbers (days since 1970-01-01) in numpy arrays and turned
into Polars `Date` columns only when frames are built: that keeps every step vectorised.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

import numpy as np
import polars as pl

from carematters.data.years import bank_holidays

EPOCH = date(1970, 1, 1)
YEAR = 365.25


def day(d: date) -> int:
    return (d - EPOCH).days


def to_date(days: np.ndarray | pl.Series | pl.Expr) -> pl.Series | pl.Expr:
    """Day numbers to a Polars Date column (nulls stay null)."""
    if isinstance(days, pl.Expr):
        return days.cast(pl.Int32).cast(pl.Date)
    return pl.Series(days).cast(pl.Int32).cast(pl.Date)


def pick(rng: np.random.Generator, mix: Mapping[str, float], n: int) -> np.ndarray:
    """`n` codes drawn from a {code: weight} mix (weights need not sum to 1)."""
    codes = np.array(list(mix), dtype=object)
    weights = np.array(list(mix.values()), dtype=float)
    return codes[rng.choice(len(codes), size=n, p=weights / weights.sum())]


def pick_by_group(
    rng: np.random.Generator, groups: np.ndarray, mixes: Mapping[str, Mapping[str, float]]
) -> np.ndarray:
    """One code per element, drawn from the mix named by that element's group."""
    out = np.empty(len(groups), dtype=object)
    for name, mix in mixes.items():
        idx = np.flatnonzero(groups == name)
        if idx.size:
            out[idx] = pick(rng, mix, idx.size)
    return out


def uniform_days(rng: np.random.Generator, low, high, n: int | None = None) -> np.ndarray:
    """Whole days uniformly in [low, high] (arrays broadcast)."""
    low = np.asarray(low, dtype=np.int64)
    high = np.maximum(np.asarray(high, dtype=np.int64), low)
    size = n if n is not None else np.broadcast(low, high).shape
    return low + np.floor(rng.random(size) * (high - low + 1)).astype(np.int64)


@lru_cache(maxsize=1)
def _holidays() -> np.ndarray:
    return np.array(sorted(bank_holidays()), dtype="datetime64[D]")


def add_working_days(days: np.ndarray, n: int | np.ndarray) -> np.ndarray:
    """Vectorised `years.add_working_days` over day numbers (the start is day 0)."""
    as_dates = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    shifted = np.busday_offset(as_dates, n, roll="backward", holidays=_holidays())
    return shifted.astype(np.int64)


def add_months(days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """Vectorised `years.add_months`: same day of month, clipped to the month's end."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month_start = d.astype("datetime64[M]")
    day_of_month = (d - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + np.asarray(months, dtype=np.int64)
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    return (target.astype("datetime64[D]").astype(np.int64) + np.minimum(day_of_month, length - 1))


def birthday(dob: np.ndarray, age: int | np.ndarray) -> np.ndarray:
    """The day a child born on `dob` reaches `age` (29 February -> 28 February)."""
    return add_months(dob, np.asarray(age, dtype=np.int64) * 12)


def age_at(dob: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Whole years completed on `on` (vectorised `years.age_on`)."""
    d = np.asarray(dob, dtype=np.int64).astype("datetime64[D]")
    o = np.asarray(on, dtype=np.int64).astype("datetime64[D]")
    years = o.astype("datetime64[Y]").astype(np.int64) - d.astype("datetime64[Y]").astype(np.int64)
    return years - (birthday(dob, years) > np.asarray(on, dtype=np.int64)).astype(np.int64)
