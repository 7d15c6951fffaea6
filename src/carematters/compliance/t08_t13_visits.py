"""T8-T13 social worker visits (CPPCR reg 28): the visit clock runs per carer spell.

Within a week of any placement; then at most six weeks apart in the first year; after the
first year, at most three months apart when the placement is meant to last until 18 (long-term
fostering U1/U4 [C]), otherwise still six weeks. Placed at home with a parent (P1): on an
interim care order, weekly until the first review then at most four weeks apart (reg 28(4));
on a full care order, within a week of the order then at most six weeks apart (reg 28(5)).

Not derivable from the data (see docs/compliance.md): T11 (placed with a parent before the
reg 19 assessment is complete) and the connected-person part of T12 (temporary approval under
reg 24), because neither the assessment nor the approval is recorded; T14 is a record, not a clock.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_days, plus_months
from carematters.compliance.chains import chain, finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = {
    "T8": "CPPCR 2010 reg 28(2)(a): visit within 1 week of the start of any placement",
    "T9": "CPPCR 2010 reg 28(2)(b): visits at most 6 weeks apart in a placement's first year",
    "T10": "CPPCR 2010 reg 28(2)(c): after the first year, at most 3 months apart for a "
    "long-term placement, otherwise 6 weeks",
    "T12": "CPPCR 2010 reg 28(4): interim care order at home - weekly until the first review, "
    "then at most 4 weeks apart",
    "T13": "CPPCR 2010 reg 28(5): care order at home - within 1 week of the order, then at most "
    "6 weeks apart",
}


def _anchors(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    first_review = (
        ctx.periods.join(ctx.event_dates("Reviews"), on="CHILD", how="inner")
        .filter(pl.col("DATE") >= pl.col("PERIOD_START"))
        .group_by("CHILD", "PERIOD")
        .agg(pl.col("DATE").min().alias("FIRST_REVIEW"))
    )
    at_home = pl.col("LAST_PLACE") == "P1"
    regime = (
        pl.when(at_home & (pl.col("LAST_LS") == "C1")).then(pl.lit("T12"))
        .when(at_home & pl.col("CARE_ORDER_FROM").is_not_null()).then(pl.lit("T13"))
        .otherwise(pl.lit("standard"))
    )
    return ctx.spells.join(first_review, on=["CHILD", "PERIOD"], how="left").select(
        "CHILD",
        pl.col("SPELL").alias("ANCHOR"),
        pl.col("SPELL_START").alias("START"),
        pl.col("SPELL_END").alias("END"),
        pl.lit(None, pl.Date).alias("STOP"),
        regime.alias("REGIME"),
        pl.col("LAST_PLACE").is_in(s.long_term_places).alias("LONG_TERM"),
        plus_months(pl.col("SPELL_START"), 12).alias("FIRST_YEAR_END"),
        "FIRST_REVIEW",
        "CARE_ORDER_FROM",
    )


def _next_due(ctx: Context):
    s = ctx.settings
    regime = pl.col("REGIME")

    def next_due(prev: pl.Expr) -> pl.Expr:
        six_weeks = plus_days(prev, s.visit_interval_days)
        before_review = pl.col("FIRST_REVIEW").is_null() | (prev < pl.col("FIRST_REVIEW"))
        return (
            pl.when(regime == "T12").then(
                pl.when(before_review).then(plus_days(prev, s.weekly_visit_days))
                .otherwise(plus_days(prev, s.interim_order_home_visit_days))
            )
            .when(regime == "T13").then(six_weeks)
            .when(pl.col("LONG_TERM") & (prev >= pl.col("FIRST_YEAR_END")))
            .then(plus_months(prev, s.long_term_visit_months))
            .otherwise(six_weeks)
        )

    return next_due


@timescale(
    "T8", "T9", "T10", "T12", "T13", title="social worker visits", rule=RULE["T8"],
    needs=("Visits",),
)
def visits(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    seen = ctx.event_dates("Visits", pl.col("SEEN").fill_null(1) == 1)
    order_start = pl.max_horizontal(pl.col("CARE_ORDER_FROM"), pl.col("START"))
    first_due = plus_days(
        pl.when(pl.col("REGIME") == "T13").then(order_start).otherwise(pl.col("START")),
        s.new_placement_visit_days,
    )
    items = chain(_anchors(ctx), seen, first_due=first_due, next_due=_next_due(ctx),
                  horizon=ctx.horizon)
    standard_item = (
        pl.when("FIRST").then(pl.lit("T8"))
        .when(pl.col("PREV") < pl.col("FIRST_YEAR_END")).then(pl.lit("T9"))
        .otherwise(pl.lit("T10"))
    )
    item = pl.when(pl.col("REGIME") == "standard").then(standard_item).otherwise(pl.col("REGIME"))
    items = items.with_columns(
        item.alias("ITEM"),
        pl.when("FIRST").then(pl.lit("first visit in placement"))
        .otherwise(pl.lit("visit in placement")).alias("TITLE"),
    )
    return pl.concat([
        finish(items.filter(pl.col("ITEM") == code), ctx, rule=rule) for code, rule in RULE.items()
    ])
