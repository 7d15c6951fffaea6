"""NI 66: looked-after reviews held on time (spec §2.5).

Due dates follow the regulations in force when the period of care began: from 1 April 2011
(CPPCR 2010 reg 33) the first review within 20 working days, before that within 4 weeks; the
second within 3 months of the first; then every 6 months. Each review held, late or not, sets the
next due date from the day it was held. The clock restarts with each period of care.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from carematters.data.years import add_working_days_expr
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator

CPPCR_2010_START = date(2011, 4, 1)


def _first_due(ctx: Context) -> pl.Expr:
    """Due date of the first review; lenient when the period began before the data does.

    Reviews held before the data's first collection year are unknown, so the first review seen
    for such a period is given the latest due date it could have had: six months after the day
    before the data begins (the previous review could have been held that day).
    """
    start = pl.col("PERIOD_START")
    regulated = (
        pl.when(start < CPPCR_2010_START)
        .then(start + pl.duration(days=28))
        .otherwise(add_working_days_expr(start, ctx.params.first_review_working_days))
    )
    unknown_history = ctx.coverage_start - timedelta(days=1)
    latest_possible = pl.lit(unknown_history).dt.offset_by("6mo")
    return pl.when(pl.col("KNOWN_HISTORY")).then(regulated).otherwise(
        pl.max_horizontal(regulated, latest_possible)
    )


def _after(held: pl.Expr, count: pl.Expr) -> pl.Expr:
    """Next due date after the `count`-th review of a period, held on `held`."""
    three_months = (count == 1) & pl.col("KNOWN_HISTORY")
    return pl.when(three_months).then(held.dt.offset_by("3mo")).otherwise(held.dt.offset_by("6mo"))


def review_timeliness(ctx: Context, periods: pl.DataFrame) -> pl.DataFrame:
    """CHILD, FAILURES: reviews due in the year that were late or not held, per child."""
    periods = periods.with_columns(
        (pl.col("PERIOD_START") >= ctx.coverage_start).alias("KNOWN_HISTORY")
    ).with_columns(_first_due(ctx).alias("FIRST_DUE"))
    reviews = ctx.data["Reviews"].select("CHILD", "REVIEW").unique()
    held = (
        periods.join(reviews, on="CHILD")
        .filter(
            (pl.col("REVIEW") >= pl.col("PERIOD_START"))
            & (pl.col("PERIOD_END").is_null() | (pl.col("REVIEW") <= pl.col("PERIOD_END")))
        )
        .sort("CHILD", "PERIOD", "REVIEW")
        .with_columns(
            pl.int_range(1, pl.len() + 1).over("CHILD", "PERIOD").alias("K"),
            pl.col("REVIEW").shift(1).over("CHILD", "PERIOD").alias("PREVIOUS"),
        )
        .with_columns(
            pl.when(pl.col("K") == 1)
            .then(pl.col("FIRST_DUE"))
            .otherwise(_after(pl.col("PREVIOUS"), pl.col("K") - 1))
            .alias("DUE")
        )
    )
    late = held.filter(
        pl.col("DUE").is_between(ctx.start, ctx.end) & (pl.col("REVIEW") > pl.col("DUE"))
    ).group_by("CHILD").agg(pl.len().alias("LATE"))
    last = held.group_by("CHILD", "PERIOD").agg(
        pl.col("REVIEW").max().alias("LAST"), pl.len().alias("HELD")
    )
    next_due = (
        periods.join(last, on=["CHILD", "PERIOD"], how="left")
        .with_columns(
            pl.when(pl.col("LAST").is_null())
            .then(pl.col("FIRST_DUE"))
            .otherwise(_after(pl.col("LAST"), pl.col("HELD")))
            .alias("NEXT_DUE")
        )
    )
    # A review owed by 31 March (and before the period ended) but never held was missed.
    missed = next_due.filter(
        (pl.col("NEXT_DUE") <= ctx.end)
        & (pl.col("PERIOD_END").is_null() | (pl.col("NEXT_DUE") < pl.col("PERIOD_END")))
    ).group_by("CHILD").agg(pl.len().alias("MISSED"))
    return (
        periods.select("CHILD").unique()
        .join(late, on="CHILD", how="left")
        .join(missed, on="CHILD", how="left")
        .select("CHILD", (pl.col("LATE").fill_null(0) + pl.col("MISSED").fill_null(0))
                .alias("FAILURES"))
    )


@indicator(
    "NI66",
    title="Looked after children cases reviewed within required timescales",
    theme="reviews",
    definition="Percentage of children looked after at 31 March, and for at least 4 weeks, all "
               "of whose reviews due in the year were held on time (first within 20 working "
               "days of entering care, the second within 3 months, then every 6 months).",
    numerator="Children with no review due in the year held late and no due date in the year "
              "passed without a review.",
    denominator="Children looked after at 31 March whose current period of care began at least "
                "28 days before.",
    exclusions="Short breaks (V3/V4) removed. With only one year's returns, reviews before it "
               "are unknown and the first due date seen is read leniently (pass several years).",
    direction="higher", unit="%", tables=("Episodes", "Reviews"),
    params=("first_review_working_days",), history_years=2, spec="§2.5",
)
def ni66(ctx: Context) -> pl.DataFrame:
    current = ctx.looked_after_at_end.join(
        ctx.periods.select("CHILD", "PERIOD", "PERIOD_START"), on=["CHILD", "PERIOD"]
    )
    cohort = current.filter(pl.col("PERIOD_START") <= ctx.end - timedelta(days=28)).select("CHILD")
    in_year = ctx.periods.join(cohort, on="CHILD").filter(
        (pl.col("PERIOD_START") <= ctx.end)
        & (pl.col("PERIOD_END").is_null() | (pl.col("PERIOD_END") >= ctx.start))
    )
    failures = review_timeliness(ctx, in_year)
    return cohort.join(failures, on="CHILD", how="left").select(
        "CHILD",
        pl.lit(True).alias("in_denominator"),
        (pl.col("FAILURES").fill_null(0) == 0).alias("in_numerator"),
        pl.col("FAILURES").fill_null(0).alias("value"),
    )
