"""Indicators over several years, and local targets met or not (Care Matters implementation plan
1.25-1.29: success is judged by the indicators' movement against targets)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from carematters.data.caredata import CareData
from carematters.indicators.context import Derived
from carematters.indicators.params import Parameters
from carematters.indicators.registry import all_indicators
from carematters.indicators.results import IndicatorResult, compute, results_frame

TARGET_SCHEMA = {"indicator": pl.String(), "year": pl.Int32(), "target": pl.Float64()}


def run_years(
    data: CareData,
    years: Iterable[int],
    *,
    ids: Iterable[str] | None = None,
    params: Parameters | None = None,
) -> list[IndicatorResult]:
    """Every indicator for each year. Pass several years' returns combined (`combine_years`) so
    the measures that look back (NI 63, A1, two-year NI 62) have their history."""
    chosen = list(ids) if ids is not None else None
    derived = Derived(data)
    return [r for year in years
            for r in compute(data, year, ids=chosen, params=params, derived=derived)]


def time_series(results: Iterable[IndicatorResult] | pl.DataFrame) -> pl.DataFrame:
    """Long frame sorted by indicator then year, with the change on the year before."""
    frame = results if isinstance(results, pl.DataFrame) else results_frame(results)
    return frame.sort("la", "indicator", "year", nulls_last=True).with_columns(
        (pl.col("value") - pl.col("value").shift(1)).over("la", "indicator").alias("change")
    )


def wide(results: pl.DataFrame) -> pl.DataFrame:
    """One row per indicator, one column per year (values), for tables and spreadsheets."""
    return results.pivot(on="year", index=["indicator", "title"], values="value",
                         sort_columns=True, maintain_order=True)


def targets_frame(targets: Mapping[tuple[str, int], float] | pl.DataFrame) -> pl.DataFrame:
    """Targets from {(indicator, year): target} or a frame with indicator, year, target."""
    if isinstance(targets, pl.DataFrame):
        return targets.select(pl.col(name).cast(dtype) for name, dtype in TARGET_SCHEMA.items())
    rows = [{"indicator": i, "year": y, "target": t} for (i, y), t in targets.items()]
    return pl.DataFrame(rows, schema=TARGET_SCHEMA)


def with_targets(results: pl.DataFrame,
                 targets: Mapping[tuple[str, int], float] | pl.DataFrame) -> pl.DataFrame:
    """`results` with target and met: True/False by the indicator's direction, null without a
    target, a value, or a direction (counts describe, they are not better or worse)."""
    directions = pl.DataFrame(
        {"indicator": list(all_indicators()),
         "_direction": [ind.direction for ind in all_indicators().values()]}
    )
    joined = (
        results.join(targets_frame(targets), on=["indicator", "year"], how="left")
        .join(directions, on="indicator", how="left")
    )
    value, target, direction = pl.col("value"), pl.col("target"), pl.col("_direction")
    met = (
        pl.when(value.is_null() | target.is_null()).then(None)
        .when(direction == "higher").then(value >= target)
        .when(direction == "lower").then(value <= target)
        .otherwise(None)
    )
    return joined.with_columns(met.alias("met")).drop("_direction")
