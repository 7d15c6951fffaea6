"""Backtesting: rewind to an earlier date, forecast with only what was known then, and compare
with what happened (counts of children by placement group, all ages)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import polars as pl

from carematters.costs.groups import GROUPS
from carematters.data.years import add_months
from carematters.forecast.engine import ALL, DEFAULT_SETTINGS, Settings, forecast_runs
from carematters.forecast.states import population_on, runs_as_at

HORIZONS = (6, 12, 24)


@dataclass(frozen=True)
class Backtest:
    detail: pl.DataFrame   # origin, horizon, placement, expected, lower, upper, actual, at_origin
    summary: pl.DataFrame  # horizon, placement, origins, mae, mape, coverage, no_change_mae


def _actual(run_frame: pl.DataFrame, day: date, groups: tuple[str, ...]) -> dict[str, float]:
    counts = population_on(run_frame, day, groups).sum(axis=0)
    return {**dict(zip(groups, counts.tolist(), strict=True)), ALL: float(counts.sum())}


def _one_origin(run_frame: pl.DataFrame, origin: date, end: date, horizons: tuple[int, ...],
                settings: Settings, groups: tuple[str, ...]) -> pl.DataFrame | None:
    usable = [h for h in horizons if add_months(origin, h) <= end]
    if not usable:
        return None
    fc = forecast_runs(runs_as_at(run_frame, origin), origin,
                       replace(settings, months=max(usable)), groups=groups)
    frame = fc.frame().filter(pl.col("age_band") == ALL)
    # The no-change forecast (tomorrow looks like today) is the baseline a model must beat.
    at_origin = _actual(run_frame, origin, groups)
    rows = []
    for h in usable:
        day = add_months(origin, h)
        actual = _actual(run_frame, day, groups)
        rows.append(
            frame.filter(pl.col("date") == day).with_columns(
                pl.lit(origin).alias("origin"), pl.lit(h, pl.Int32).alias("horizon"),
                pl.col("placement").replace_strict(actual, return_dtype=pl.Float64).alias("actual"),
                pl.col("placement").replace_strict(at_origin, return_dtype=pl.Float64)
                .alias("at_origin"),
            )
        )
    return pl.concat(rows).select("origin", "horizon", "placement", "expected", "lower", "upper",
                                  "actual", "at_origin")


def backtest(run_frame: pl.DataFrame, end: date, years: int = 3,
             horizons: tuple[int, ...] = HORIZONS, settings: Settings = DEFAULT_SETTINGS,
             groups: tuple[str, ...] = GROUPS) -> Backtest:
    """Forecast from each of the `years` anniversaries before `end` and score every horizon
    that the data reaches. MAPE leaves out placements with no children at the time;
    no_change_mae is the error of assuming the population stays as it was at the origin."""
    parts = [
        _one_origin(run_frame, add_months(end, -12 * n), end, horizons, settings, groups)
        for n in range(1, years + 1)
    ]
    detail = pl.concat([p for p in parts if p is not None]) if any(
        p is not None for p in parts) else pl.DataFrame()
    if detail.is_empty():
        raise ValueError("not enough history to backtest: no horizon fits before the data ends")
    error = (pl.col("expected") - pl.col("actual")).abs()
    summary = (
        detail.group_by("horizon", "placement", maintain_order=True)
        .agg(
            pl.len().alias("origins"),
            error.mean().alias("mae"),
            (error / pl.col("actual")).filter(pl.col("actual") > 0).mean().alias("mape"),
            pl.col("actual").is_between(pl.col("lower"), pl.col("upper")).mean().alias("coverage"),
            (pl.col("at_origin") - pl.col("actual")).abs().mean().alias("no_change_mae"),
        )
        .sort("horizon", maintain_order=True)
    )
    return Backtest(detail, summary)
