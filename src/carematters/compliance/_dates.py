"""Vectorised date steps used by the clocks (spec §3 "Working days" [C])."""

from __future__ import annotations

import polars as pl

from carematters.data.years import add_working_days_expr


def plus_months(day: pl.Expr, months: int) -> pl.Expr:
    """Same day-of-month `months` later, clipped to the month's end (31 Aug + 6 months = end Feb).

    Polars' calendar offset clips exactly as `carematters.data.years.add_months` does.
    """
    return day.dt.offset_by(f"{months}mo")


def plus_days(day: pl.Expr, days: int) -> pl.Expr:
    return day + pl.duration(days=days)


def plus_working_days(day: pl.Expr, days: int) -> pl.Expr:
    """The `days`-th working day after `day` (day itself is day 0), skipping bank holidays."""
    return add_working_days_expr(day, days)


def birthday(dob: pl.Expr, age: int) -> pl.Expr:
    """The date a child born on `dob` reaches `age` (29 February becomes 28 February)."""
    return plus_months(dob, 12 * age)
