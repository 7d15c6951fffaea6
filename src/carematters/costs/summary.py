"""Costs per child, per period of care, per cohort, per year, and of the current population.

Spec §5.1 cost engine [C]: a child's cost over a window is the days of each carer spell inside
it at the weekly rate / 7, plus each process occurrence dated inside it at its unit cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from carematters.costs.groups import GROUPS, with_groups
from carematters.costs.placements import placement_costs
from carematters.costs.processes import process_costs, process_events
from carematters.costs.table import CostTable
from carematters.data.caredata import CareData
from carematters.data.episodes import drop_short_breaks, looked_after_on, periods_of_care
from carematters.data.years import year_end, year_start

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class CostResult:
    """Costs over one window. `unset` lists table items with no figure (counted as £0)."""

    start: date
    end: date
    by_child: pl.DataFrame      # CHILD, DAYS, PLACEMENT_COST, PROCESS_COST, TOTAL_COST
    by_group: pl.DataFrame      # GROUP, DAYS, PLACEMENT_COST
    by_process: pl.DataFrame    # PROCESS, EVENTS, PROCESS_COST
    unset: list[str]

    @property
    def total(self) -> float:
        return float(self.by_child["TOTAL_COST"].sum())


def _events(data: CareData) -> pl.DataFrame:
    return process_events(data["Episodes"], data["Header"], data["Reviews"])


def _totalled(frame: pl.DataFrame) -> pl.DataFrame:
    """Placement and process parts joined per child or period: a missing part costs £0 (no
    placement days, or no events, in the window), and TOTAL_COST is their sum."""
    return (
        frame.with_columns(pl.col("DAYS", "PLACEMENT_COST", "PROCESS_COST").fill_null(0))
        .with_columns((pl.col("PLACEMENT_COST") + pl.col("PROCESS_COST")).alias("TOTAL_COST"))
    )


def window_costs(
    data: CareData, costs: CostTable, start: date, end: date,
    children: pl.DataFrame | None = None,
) -> CostResult:
    """Costs of every child (or of `children`, a frame with CHILD: a cohort) over [start, end]."""
    episodes, events = data["Episodes"], _events(data)
    if children is not None:
        episodes = episodes.join(children.select("CHILD"), on="CHILD", how="semi")
        events = events.join(children.select("CHILD"), on="CHILD", how="semi")
    days = placement_costs(episodes, costs, start, end)
    processes = process_costs(events, costs, start, end)
    per_child_days = days.group_by("CHILD").agg(pl.col("DAYS").sum(), pl.col("PLACEMENT_COST").sum())
    per_child_events = processes.group_by("CHILD").agg(pl.col("PROCESS_COST").sum())
    by_child = (
        _totalled(per_child_days.join(per_child_events, on="CHILD", how="full", coalesce=True))
        .sort("CHILD")
    )
    by_group = (
        pl.DataFrame({"GROUP": list(GROUPS)})
        .join(days.group_by("GROUP").agg(pl.col("DAYS").sum(), pl.col("PLACEMENT_COST").sum()),
              on="GROUP", how="left")
        .with_columns(pl.col("DAYS", "PLACEMENT_COST").fill_null(0))
        # Money in pounds and pence: a sum over thousands of daily costs otherwise differs in its
        # last bits from run to run (the parallel group-by adds in no fixed order).
        .with_columns(pl.col("PLACEMENT_COST").round(2))
    )
    by_process = (
        processes.group_by("PROCESS")
        .agg(pl.len().alias("EVENTS"), pl.col("PROCESS_COST").sum().round(2))
        .sort("PROCESS")
    )
    return CostResult(start, end, by_child, by_group, by_process, costs.unset())


def year_costs(data: CareData, costs: CostTable, year: int) -> CostResult:
    """Costs over collection year `year` (1 April to 31 March), day-accurate."""
    return window_costs(data, costs, year_start(year), year_end(year))


def period_costs(data: CareData, costs: CostTable, up_to: date) -> pl.DataFrame:
    """Whole periods of care (open ones up to `up_to`): CHILD, PERIOD, PERIOD_START, PERIOD_END,
    DAYS, PLACEMENT_COST, PROCESS_COST, TOTAL_COST."""
    episodes = drop_short_breaks(data["Episodes"])
    periods = periods_of_care(episodes)
    first = periods["PERIOD_START"].min() or up_to
    days = (
        placement_costs(episodes, costs, first, up_to)
        .group_by("CHILD", "PERIOD")
        .agg(pl.col("DAYS").sum(), pl.col("PLACEMENT_COST").sum())
    )
    # Events belong to the period they fall in: the latest period started on or before them.
    events = (
        process_costs(_events(data), costs, first, up_to)
        .sort("DATE")
        .join_asof(periods.select("CHILD", "PERIOD", "PERIOD_START").sort("PERIOD_START"),
                   left_on="DATE", right_on="PERIOD_START", by="CHILD", strategy="backward",
                   check_sortedness=False)
        .drop_nulls("PERIOD")
        .group_by("CHILD", "PERIOD")
        .agg(pl.col("PROCESS_COST").sum())
    )
    return _totalled(
        periods.select("CHILD", "PERIOD", "PERIOD_START", "PERIOD_END")
        .join(days, on=["CHILD", "PERIOD"], how="left")
        .join(events, on=["CHILD", "PERIOD"], how="left")
    )


def current_population_cost(data: CareData, costs: CostTable, on: date) -> pl.DataFrame:
    """Children looked after at the end of `on`, each at the weekly cost of their placement:
    CHILD, PLACE, GROUP, WEEKLY_COST, ANNUAL_COST (weekly × 365.25 / 7)."""
    grouped = with_groups(drop_short_breaks(data["Episodes"]))
    current = looked_after_on(grouped, on)
    weekly = costs.weekly_on(on)
    return current.select(
        "CHILD", "PLACE", "GROUP",
        pl.col("GROUP").replace_strict(weekly, return_dtype=pl.Float64).alias("WEEKLY_COST"),
    ).with_columns((pl.col("WEEKLY_COST") * DAYS_PER_YEAR / 7).alias("ANNUAL_COST"))
