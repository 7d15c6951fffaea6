"""T27 independent reviewing officer appointed (CA 1989 s25A; CPPCR reg 45-46).

Every looked-after child must have an IRO, appointed before the first review; so the duty is
due on the first review's due date (20 working days into the period of care). The IRO is
"appointed" for the period from the first day of it that an allocation covers.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_working_days
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = "CA 1989 s25A; CPPCR 2010 reg 45-46: IRO appointed before the first review"


@timescale("T27", title="IRO appointed", rule=RULE, needs=("IROAllocations",))
def iro_appointed(ctx: Context) -> pl.DataFrame:
    allocations = ctx.events("IROAllocations").select("CHILD", "IRO_START", "IRO_END")
    covered_from = pl.max_horizontal("IRO_START", "PERIOD_START")
    period_end = pl.coalesce(pl.col("PERIOD_END"), pl.lit(ctx.as_at))
    first_cover = (
        ctx.periods.join(allocations, on="CHILD", how="inner")
        .filter(
            (pl.col("IRO_START") <= period_end)
            & (pl.col("IRO_END").is_null() | (pl.col("IRO_END") >= pl.col("PERIOD_START")))
        )
        .group_by("CHILD", "PERIOD")
        .agg(covered_from.min().alias("DONE"))
    )
    items = ctx.periods.join(first_cover, on=["CHILD", "PERIOD"], how="left").select(
        "CHILD",
        pl.lit("T27").alias("ITEM"),
        pl.lit("IRO appointed").alias("TITLE"),
        plus_working_days(pl.col("PERIOD_START"), ctx.settings.first_review_working_days)
        .alias("DUE"),
        "DONE",
        pl.col("PERIOD_END").is_null().alias("ACTIVE"),
        pl.col("PERIOD_START").alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
