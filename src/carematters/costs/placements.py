"""Process 3, maintaining the placement: day-accurate placement costs over a window (spec §5.1).

A day is charged to the episode the child is in at the end of it: an episode covers DECOM up to
the day before DEC, so the day of a move is charged once (to the new placement) and the day a
child leaves care is not charged. Short-break episodes (V3/V4) are left out [C]: a V4 episode
spans a whole agreement of which only a few nights are spent away from home.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from carematters.costs.groups import with_groups
from carematters.costs.table import CostTable
from carematters.data.episodes import drop_short_breaks


def _clipped(episodes: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    """Episodes with SEG_FROM / SEG_TO: the half-open slice of [start, end] they cover."""
    after_end = end + timedelta(days=1)
    return (
        with_groups(drop_short_breaks(episodes))
        .with_columns(
            pl.max_horizontal(pl.col("DECOM"), pl.lit(start)).alias("SEG_FROM"),
            pl.min_horizontal(pl.col("DEC").fill_null(after_end), pl.lit(after_end)).alias("SEG_TO"),
        )
        .filter(pl.col("SEG_TO") > pl.col("SEG_FROM"))
    )


def placement_costs(
    episodes: pl.DataFrame, costs: CostTable, start: date, end: date
) -> pl.DataFrame:
    """One row per episode with days in [start, end]: CHILD, PERIOD, DECOM, PLACE, GROUP, DAYS,
    PLACEMENT_COST (£, at the weekly rate in force on each day, divided by seven)."""
    segments = _clipped(episodes, start, end)
    rates = costs.periods("weekly")
    priced = (
        segments.select("CHILD", "PERIOD", "DECOM", "PLACE", "GROUP", "SEG_FROM", "SEG_TO")
        .join(rates, left_on="GROUP", right_on="item", how="left")
        .with_columns(
            (
                pl.min_horizontal("SEG_TO", "TO") - pl.max_horizontal("SEG_FROM", "FROM")
            ).dt.total_days().clip(lower_bound=0).alias("_overlap")
        )
        .with_columns((pl.col("_overlap") * pl.col("COST").fill_null(0.0) / 7).alias("_cost"))
    )
    return (
        priced.group_by("CHILD", "PERIOD", "DECOM", "PLACE", "GROUP", maintain_order=True)
        .agg(
            (pl.col("SEG_TO").first() - pl.col("SEG_FROM").first()).dt.total_days().alias("DAYS"),
            pl.col("_cost").sum().alias("PLACEMENT_COST"),
        )
    )
