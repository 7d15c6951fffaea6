"""The forecast's states: age (tracked in months, reported in bands) × placement group.

A child's history becomes a list of *runs*: consecutive days in one placement group within a
period of care. Runs carry what the model learns from: how they start (entering care or moving
from another group) and how they end (moving, leaving care, or still open).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from carematters.costs.groups import OTHER, placement_group
from carematters.data.episodes import drop_short_breaks, with_periods

#: Reporting bands (DfE's published age groups). Rates are learnt per band.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("under 1", 0, 1),
    ("1-4", 1, 5),
    ("5-9", 5, 10),
    ("10-15", 10, 16),
    ("16-17", 16, 18),
)
BAND_LABELS: tuple[str, ...] = tuple(label for label, _, _ in AGE_BANDS)
#: Care ends at 18 (spec §1.1); the model tracks ages 0 to 215 months.
MONTHS = 18 * 12


def band_of_year() -> np.ndarray:
    """Band index of each whole year of age 0-17."""
    return np.array([next(i for i, (_, lo, hi) in enumerate(AGE_BANDS) if lo <= y < hi)
                     for y in range(18)])


def band_of_month() -> np.ndarray:
    return np.repeat(band_of_year(), 12)


def band_expr(age_years: pl.Expr) -> pl.Expr:
    """Band index (Int32) of an age in whole years; null at 18 and over."""
    expr = pl.lit(None, pl.Int32)
    for i, (_, lo, hi) in reversed(list(enumerate(AGE_BANDS))):
        expr = pl.when((age_years >= lo) & (age_years < hi)).then(pl.lit(i, pl.Int32)).otherwise(expr)
    return expr


def months_between(dob: pl.Expr, day: date) -> pl.Expr:
    """Whole months from `dob` to `day`."""
    months = (day.year - dob.dt.year()) * 12 + (day.month - dob.dt.month())
    return (months - (dob.dt.day() > day.day).cast(pl.Int32)).cast(pl.Int32)


def as_at(episodes: pl.DataFrame, day: date) -> pl.DataFrame:
    """Episodes as they were known at the end of `day`: later starts dropped, later ends opened.

    Used to rewind history for backtesting.
    """
    later = pl.col("DEC") > day
    return episodes.filter(pl.col("DECOM") <= day).with_columns(
        pl.when(later).then(None).otherwise(pl.col("DEC")).alias("DEC"),
        pl.when(later).then(None).otherwise(pl.col("REC")).alias("REC"),
    )


def runs(episodes: pl.DataFrame, header: pl.DataFrame, group: pl.Expr | None = None) -> pl.DataFrame:
    """One row per run: CHILD, START, END (null while open), GROUP, ENTRY (the run opens a
    period of care), EXIT (it closes one), NEXT_GROUP (the group moved to, if any), DOB.

    Periods of care come from `data.episodes.with_periods` (spec §1.1); temporary placements
    take the group of the placement before them, as `costs.groups.with_groups` does. Children
    without a date of birth cannot be aged and are left out.
    """
    eps = with_periods(drop_short_breaks(episodes))
    new_period = (
        (pl.col("CHILD") != pl.col("CHILD").shift(1)) | (pl.col("PERIOD") != pl.col("PERIOD").shift(1))
    ).fill_null(True)
    raw_group = placement_group() if group is None else group
    eps = eps.with_columns(new_period.cum_sum().alias("_period"), raw_group.alias("GROUP"))
    eps = eps.with_columns(
        pl.col("GROUP").forward_fill().over("_period").fill_null(OTHER)
    )
    new_run = new_period | (pl.col("GROUP") != pl.col("GROUP").shift(1)).fill_null(True)
    grouped = (
        eps.with_columns(new_run.cum_sum().alias("_run"))
        .group_by("_run", maintain_order=True)
        .agg(
            pl.col("CHILD").first(), pl.col("_period").first(),
            pl.col("DECOM").first().alias("START"), pl.col("DEC").last().alias("END"),
            pl.col("GROUP").first(),
        )
    )
    last = (pl.col("_period") != pl.col("_period").shift(-1)).fill_null(True)
    dob = header.select("CHILD", "DOB").drop_nulls().unique("CHILD")
    return grouped.select(
        "CHILD", "START", "END", "GROUP",
        (pl.col("_period") != pl.col("_period").shift(1)).fill_null(True).alias("ENTRY"),
        (last & pl.col("END").is_not_null()).alias("EXIT"),
        pl.when(~last).then(pl.col("GROUP").shift(-1)).alias("NEXT_GROUP"),
    ).join(dob, on="CHILD", how="inner")


def population_on(run_frame: pl.DataFrame, day: date, groups: tuple[str, ...]) -> np.ndarray:
    """Children in care at the end of `day` as an array [age in months, group]."""
    current = run_frame.filter(
        (pl.col("START") <= day) & (pl.col("END").is_null() | (pl.col("END") > day))
    ).with_columns(
        months_between(pl.col("DOB"), day).alias("M"),
        pl.col("GROUP").replace_strict(groups, list(range(len(groups))), default=None).alias("G"),
    ).filter(pl.col("M").is_between(0, MONTHS - 1) & pl.col("G").is_not_null())
    counts = current.group_by("M", "G").len()
    population = np.zeros((MONTHS, len(groups)))
    population[counts["M"].to_numpy(), counts["G"].to_numpy()] = counts["len"].to_numpy()
    return population


def runs_as_at(run_frame: pl.DataFrame, day: date) -> pl.DataFrame:
    """Runs as they were known at the end of `day` (the same as building runs from `as_at`)."""
    later = pl.col("END") > day
    return run_frame.filter(pl.col("START") <= day).with_columns(
        pl.when(later).then(None).otherwise(pl.col("END")).alias("END"),
        (pl.col("EXIT") & ~later.fill_null(False)).alias("EXIT"),
        pl.when(later).then(None).otherwise(pl.col("NEXT_GROUP")).alias("NEXT_GROUP"),
    )
