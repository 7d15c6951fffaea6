"""T31 short-term legal statuses (CA 1989 ss 43-46).

Police protection lasts at most 72 hours (L1), a child assessment order at most 7 days (L3),
an emergency protection order at most 8 days (L2), extendable once by up to 7 more. The item is
due when the status must have ended and "done" on the day it did end (a new legal status or
the end of care). Dates are whole days, so 72 hours is 3 days.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.data.episodes import with_periods

RULE = (
    "CA 1989 ss 43-46: police protection at most 72 hours, child assessment order 7 days, "
    "emergency protection order 8 days (+7 if extended)"
)

TITLES = {"L1": "police protection", "L2": "emergency protection order",
          "L3": "child assessment order"}


@timescale("T31", title="short-term legal statuses", rule=RULE)
def short_term_orders(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    limits = {
        "L1": s.police_protection_days,
        "L2": s.emergency_protection_days + s.emergency_protection_extension_days,
        "L3": s.assessment_order_days,
    }
    by_period = ["CHILD", "PERIOD"]
    # A run is consecutive episodes with the same legal status, within one period of care.
    runs = (
        with_periods(ctx.episodes)
        .with_columns(
            (pl.col("LS") != pl.col("LS").shift(1).over(by_period)).fill_null(True)
            .cast(pl.Int32).cum_sum().over("CHILD").alias("_run")
        )
        .group_by("CHILD", "_run")
        .agg(
            pl.col("LS").first(),
            pl.col("DECOM").first().alias("START"),
            pl.col("DEC").last().alias("DONE"),
        )
        .filter(pl.col("LS").is_in(list(limits)))
    )
    limit = pl.col("LS").replace_strict(limits, return_dtype=pl.Int64)
    items = runs.select(
        "CHILD",
        pl.lit("T31").alias("ITEM"),
        pl.format("{} ended", pl.col("LS").replace_strict(TITLES)).alias("TITLE"),
        (pl.col("START") + pl.duration(days=limit)).alias("DUE"),
        "DONE",
        pl.lit(True).alias("ACTIVE"),
    )
    return finish(items, ctx, rule=RULE)
