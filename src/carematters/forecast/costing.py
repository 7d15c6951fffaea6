"""What a forecast costs, and how a scenario changes it (spec §5 weekly costs × expected
child-days). Process (one-off) costs are not projected: the forecast does not count events."""

from __future__ import annotations

import numpy as np
import polars as pl

from carematters.costs.table import CostTable
from carematters.forecast.engine import Forecast


def forecast_costs(fc: Forecast, costs: CostTable) -> pl.DataFrame:
    """One row per month and placement: start, end, forecast_year (1 = first 12 months),
    placement, child_days, cost (£ at the weekly rate in force at the month's start)."""
    months = len(fc.dates) - 1
    weekly = np.array([[costs.weekly_on(fc.dates[k]).get(g, 0.0) for g in fc.groups]
                       for k in range(months)])
    k, g = np.meshgrid(np.arange(months), np.arange(len(fc.groups)), indexing="ij")
    return pl.DataFrame({
        "start": [fc.dates[i] for i in k.ravel()],
        "end": [fc.dates[i + 1] for i in k.ravel()],
        "forecast_year": (k.ravel() // 12 + 1).astype(np.int32),
        "placement": [fc.groups[i] for i in g.ravel()],
        "child_days": fc.child_days.ravel(),
        "cost": (fc.child_days * weekly / 7).ravel(),
    })


def yearly_costs(fc: Forecast, costs: CostTable) -> pl.DataFrame:
    """forecast_year, placement, child_days, cost."""
    return (
        forecast_costs(fc, costs)
        .group_by("forecast_year", "placement", maintain_order=True)
        .agg(pl.col("child_days").sum(), pl.col("cost").sum())
    )


def scenario_cost_change(base: Forecast, scenario: Forecast, costs: CostTable) -> pl.DataFrame:
    """forecast_year, placement, base_cost, scenario_cost, change (scenario - base)."""
    both = yearly_costs(base, costs).select(
        "forecast_year", "placement", pl.col("cost").alias("base_cost")
    ).join(
        yearly_costs(scenario, costs).select(
            "forecast_year", "placement", pl.col("cost").alias("scenario_cost")),
        on=["forecast_year", "placement"], how="full", coalesce=True,
    ).with_columns(pl.col("base_cost", "scenario_cost").fill_null(0.0))
    return both.with_columns((pl.col("scenario_cost") - pl.col("base_cost")).alias("change"))
