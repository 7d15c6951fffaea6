"""T15 initial and T16 review health assessments (CPPCR reg 7; Health SG 2015).

The initial assessment is due in time for the first review (20 working days from the start of
the period of care). After it, a review assessment is due within 6 months while the child is
under 5 and within 12 months from 5: we take 6 months when the child is still under 5 on the
date six months on, else 12 months [C]. The clock restarts with each period of care.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import birthday, plus_days, plus_months, plus_working_days
from carematters.compliance.chains import chain, finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

T15_RULE = "CPPCR 2010 reg 7; Health SG 2015: initial health assessment before the first review"
T16_RULE = (
    "CPPCR 2010 reg 7; Health SG 2015: review health assessment every 6 months under 5, "
    "every 12 months from 5"
)


def period_anchors(ctx: Context, *, lead_days: int = 0) -> pl.DataFrame:
    """Periods of care as chain anchors, with the child's date of birth."""
    return ctx.periods.join(ctx.dob, on="CHILD", how="left").select(
        "CHILD",
        pl.col("PERIOD").alias("ANCHOR"),
        plus_days(pl.col("PERIOD_START"), -lead_days).alias("START"),
        pl.col("PERIOD_START"),
        pl.col("PERIOD_END").alias("END"),
        pl.lit(None, pl.Date).alias("STOP"),
        "DOB",
    )


@timescale("T15", "T16", title="health assessments", rule=T15_RULE, needs=("HealthAssessments",))
def health_assessments(ctx: Context) -> pl.DataFrame:
    s = ctx.settings

    def next_due(prev: pl.Expr) -> pl.Expr:
        short = plus_months(prev, s.health_review_months_under_5)
        under_5 = pl.col("DOB").is_not_null() & (short < birthday(pl.col("DOB"), 5))
        return pl.when(under_5).then(short).otherwise(plus_months(prev, s.health_review_months))

    items = chain(
        period_anchors(ctx, lead_days=s.prepared_before_days),
        ctx.event_dates("HealthAssessments"),
        first_due=plus_working_days(pl.col("PERIOD_START"), s.initial_health_working_days),
        next_due=next_due,
        horizon=ctx.horizon,
    ).with_columns(
        pl.when("FIRST").then(pl.lit("T15")).otherwise(pl.lit("T16")).alias("ITEM"),
        pl.when("FIRST").then(pl.lit("initial health assessment"))
        .otherwise(pl.lit("review health assessment")).alias("TITLE"),
    )
    return pl.concat([
        finish(items.filter(pl.col("ITEM") == "T15"), ctx, rule=T15_RULE),
        finish(items.filter(pl.col("ITEM") == "T16"), ctx, rule=T16_RULE),
    ])
