"""T3-T5 looked-after reviews (CPPCR reg 33): the review clock runs per period of care.

First review within 20 working days of becoming looked after, the second not more than three
months after the first, later ones not more than six months after the one before. A new period
of care starts the clock again.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_months, plus_working_days
from carematters.compliance.chains import chain, finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = (
    "CPPCR 2010 reg 33: first review within 20 working days, second within 3 months of the first, "
    "then at most 6 months apart"
)


def review_chain(
    ctx: Context, anchors: pl.DataFrame, first_due: pl.Expr, *, three_month_second: bool = True
) -> pl.DataFrame:
    """The review chain over `anchors` (one per period or short-break series), with SECOND
    marking the review due three months after the first."""
    s = ctx.settings
    # When the period began before the returns we hold, we cannot tell which review was the
    # first; the first one we see is followed by the six-monthly interval [C].
    first_seen = pl.lit(True) if ctx.horizon is None else first_due >= ctx.horizon
    second = (pl.col("K") == 2) & first_seen & pl.lit(three_month_second)
    return chain(
        anchors,
        ctx.event_dates("Reviews"),
        first_due=first_due,
        next_due=lambda prev: pl.when(second)
        .then(plus_months(prev, s.second_review_months))
        .otherwise(plus_months(prev, s.later_review_months)),
        horizon=ctx.horizon,
    ).with_columns(second.alias("SECOND"))


@timescale("T3", "T4", "T5", title="looked-after reviews", rule=RULE, needs=("Reviews",))
def reviews(ctx: Context) -> pl.DataFrame:
    anchors = ctx.periods.select(
        "CHILD",
        pl.col("PERIOD").alias("ANCHOR"),
        pl.col("PERIOD_START").alias("START"),
        pl.col("PERIOD_END").alias("END"),
        pl.lit(None, pl.Date).alias("STOP"),
    )
    first_due = plus_working_days(pl.col("START"), ctx.settings.first_review_working_days)
    items = review_chain(ctx, anchors, first_due)
    return finish(
        items.with_columns(
            pl.when("FIRST").then(pl.lit("T3")).when("SECOND").then(pl.lit("T4"))
            .otherwise(pl.lit("T5")).alias("ITEM"),
            pl.when("FIRST").then(pl.lit("first review")).when("SECOND")
            .then(pl.lit("second review")).otherwise(pl.lit("later review")).alias("TITLE"),
        ),
        ctx,
        rule=RULE,
    )
