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


def pick_series(rng: np.random.Generator, mix: Mapping[str, float], n: int) -> pl.Series:
    """Like `pick`, as a Polars String series (much cheaper for columns that go into frames)."""
    weights = np.array(list(mix.values()), dtype=float)
    chosen = rng.choice(len(mix), size=n, p=weights / weights.sum())
    return pl.Series(list(mix), dtype=pl.String).gather(chosen)


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


def civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day numbers to (year, month, day) arrays, in integer arithmetic (no datetime64 casts).

    The proleptic Gregorian conversion by eras of 400 years (H. Hinnant's public algorithm).
    """
    z = np.asarray(days, dtype=np.int64) + 719468
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day_ = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (month <= 2), month, day_


def day_number(year: np.ndarray, month: np.ndarray, day_: np.ndarray) -> np.ndarray:
    """(year, month, day) arrays to day numbers (inverse of `civil`)."""
    year = np.asarray(year, dtype=np.int64) - (np.asarray(month) <= 2)
    era = np.floor_divide(year, 400)
    yoe = year - era * 400
    month = np.asarray(month, dtype=np.int64)
    doy = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + np.asarray(day_) - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def add_months(days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """Vectorised `years.add_months`: same day of month, clipped to the month's end."""
    year, month, day_ = civil(days)
    total = year * 12 + (month - 1) + np.asarray(months, dtype=np.int64)
    new_year, new_month = total // 12, total % 12 + 1
    after = total + 1
    length = day_number(after // 12, after % 12 + 1, 1) - day_number(new_year, new_month, 1)
    return day_number(new_year, new_month, np.minimum(day_, length))


def birthday(dob: np.ndarray, age: int | np.ndarray) -> np.ndarray:
    """The day a child born on `dob` reaches `age` (29 February -> 28 February)."""
    return add_months(dob, np.asarray(age, dtype=np.int64) * 12)


def age_at(dob: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Whole years completed on `on` (vectorised `years.age_on`)."""
    years = civil(on)[0] - civil(dob)[0]
    return years - (birthday(dob, years) > np.asarray(on, dtype=np.int64)).astype(np.int64)
