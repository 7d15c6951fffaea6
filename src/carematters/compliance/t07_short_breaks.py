"""T7 reviews for children in a series of short breaks (CPPCR reg 48) [U].

Children whose care is only an agreed series of short breaks (LS V3/V4) are reviewed within
three months of the first break, then at most six months apart. Visits for them are at
intervals agreed with the IRO and parents, which the data does not hold, so only reviews run.
A series counts from its first break after any full period of care, and is live while a break
happened within `short_break_live_months` of the as-at date [C].
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_months
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.compliance.t03_t05_reviews import review_chain

RULE = (
    "CPPCR 2010 reg 48: short breaks - first review within 3 months of the first break, "
    "then at most 6 months apart"
)


def short_break_series(ctx: Context) -> pl.DataFrame:
    """CHILD, START (first break of the current series), LAST_BREAK (latest day placed)."""
    full_care_end = ctx.periods.group_by("CHILD").agg(
        pl.col("PERIOD_END").max().alias("_ended"),
        pl.col("PERIOD_END").is_null().any().alias("_in_care"),
    )
    return (
        ctx.short_breaks.join(full_care_end, on="CHILD", how="left")
        .filter(
            ~pl.col("_in_care").fill_null(False)
            & (pl.col("_ended").is_null() | (pl.col("DECOM") >= pl.col("_ended")))
        )
        .group_by("CHILD")
        .agg(
            pl.col("DECOM").min().alias("START"),
            pl.coalesce(pl.col("DEC"), pl.lit(ctx.as_at)).max().alias("LAST_BREAK"),
        )
    )


@timescale("T7", title="short-break reviews", rule=RULE, needs=("Reviews",))
def short_break_reviews(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    live_since = plus_months(pl.lit(ctx.as_at), -s.short_break_live_months)
    anchors = short_break_series(ctx).select(
        "CHILD",
        pl.lit(1).alias("ANCHOR"),
        "START",
        pl.when(pl.col("LAST_BREAK") >= live_since).then(None)
        .otherwise(pl.col("LAST_BREAK")).alias("END"),
        pl.lit(None, pl.Date).alias("STOP"),
    )
    first_due = plus_months(pl.col("START"), s.short_break_first_review_months)
    items = review_chain(ctx, anchors, first_due, three_month_second=False)
    return finish(
        items.with_columns(
            pl.lit("T7").alias("ITEM"),
            pl.lit("short-break review").alias("TITLE"),
        ),
        ctx,
        rule=RULE,
    )
