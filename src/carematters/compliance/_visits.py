"""The social worker visit chain (CPPCR reg 28), shared by T8-T10, T11, T12 and T13.

The visit clock runs per carer spell, and one spell follows one regime, so all the visit items
come out of one chain and each timescale module takes its own items from it (computed once per
evaluation).

Regimes, strictest first when several apply [C]:
- T12 (reg 28(4)): interim care order (C1) and living with a parent (P1), or placed with a
  relative, friend or other connected person approved only temporarily under reg 24
  (`TemporaryApprovals.APPROVED` blank or after `PLACED`): weekly until the period's first
  review, then at most 4 weeks apart; for reg 24, until the person is approved as a foster
  parent, after which the interval is six weeks.
- T11 (reg 28(3)): placed with a parent before the parent's assessment was complete (reg 19,
  `ParentPlacements.ASSESSED` blank or after `PLACED`): weekly until the first review while the
  assessment is still outstanding, then at most 6 weeks apart.
- T13 (reg 28(5)): full care order (C2) and living with a parent: within a week of the order,
  then at most 6 weeks apart.
- otherwise T8-T10 (reg 28(2)): within a week of the placement, 6-weekly in its first year,
  then 3-monthly for a placement meant to last until 18 (U1/U4 [C]), else still 6-weekly.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_days, plus_months
from carematters.compliance.chains import chain
from carematters.compliance.context import Context


def _first_reviews(ctx: Context) -> pl.DataFrame:
    return (
        ctx.periods.join(ctx.event_dates("Reviews"), on="CHILD", how="inner")
        .filter(pl.col("DATE") >= pl.col("PERIOD_START"))
        .group_by("CHILD", "PERIOD")
        .agg(pl.col("DATE").min().alias("FIRST_REVIEW"))
    )


def _spell_begun(ctx: Context, name: str, ends: str, flag: str) -> pl.DataFrame:
    """CHILD, SPELL, `flag`, `ends` for the carer spells that hold a row of table `name` (PLACED,
    and the date the condition ended, `ends`) whose condition was still unmet when the child was
    placed: `ends` blank, or later than PLACED. `ends` is null while it is still unmet on the
    as-at day."""
    rows = ctx.data[name]
    placed = rows.filter(pl.col("PLACED") <= ctx.as_at).select(
        "CHILD", "PLACED",
        pl.when(pl.col(ends) <= ctx.as_at).then(pl.col(ends)).alias(ends),
    )
    unmet_when_placed = rows.select(
        "CHILD", "PLACED", (pl.col(ends).is_null() | (pl.col(ends) > pl.col("PLACED")))
        .alias("_unmet"),
    )
    within = (pl.col("PLACED") >= pl.col("SPELL_START")) & (
        pl.col("SPELL_END").is_null() | (pl.col("PLACED") <= pl.col("SPELL_END"))
    )
    return (
        ctx.spells.select("CHILD", "SPELL", "SPELL_START", "SPELL_END")
        .join(placed.join(unmet_when_placed, on=["CHILD", "PLACED"]), on="CHILD", how="inner")
        .filter(within & pl.col("_unmet"))
        # A spell ends the day the next begins: a placement belongs to the later one.
        .sort("SPELL_START", descending=True)
        .unique(["CHILD", "PLACED"], keep="first", maintain_order=True)
        .sort("PLACED")
        .unique(["CHILD", "SPELL"], keep="first", maintain_order=True)
        .select("CHILD", "SPELL", pl.lit(True).alias(flag), ends)
    )


def _before_assessment(ctx: Context) -> pl.DataFrame:
    """Spells that began as a placement with a parent made before the parent's assessment was
    complete (reg 19): REG19, ASSESSED."""
    return _spell_begun(ctx, "ParentPlacements", "ASSESSED", "REG19")


def _temporary_approval(ctx: Context) -> pl.DataFrame:
    """Spells that began as a placement with a connected person approved only temporarily
    (reg 24): REG24, APPROVED (the date they were approved as a foster parent)."""
    return _spell_begun(ctx, "TemporaryApprovals", "APPROVED", "REG24")


def _anchors(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    at_home = pl.col("LAST_PLACE") == "P1"
    regime = (
        pl.when(at_home & (pl.col("LAST_LS") == "C1")).then(pl.lit("T12"))
        .when(pl.col("REG24").fill_null(False)).then(pl.lit("T12"))
        .when(pl.col("REG19").fill_null(False)).then(pl.lit("T11"))
        .when(at_home & pl.col("CARE_ORDER_FROM").is_not_null()).then(pl.lit("T13"))
        .otherwise(pl.lit("standard"))
    )
    return (
        ctx.spells.join(_first_reviews(ctx), on=["CHILD", "PERIOD"], how="left")
        .join(_before_assessment(ctx), on=["CHILD", "SPELL"], how="left")
        .join(_temporary_approval(ctx), on=["CHILD", "SPELL"], how="left")
        .select(
            "CHILD",
            pl.col("SPELL").alias("ANCHOR"),
            pl.col("SPELL_START").alias("START"),
            pl.col("SPELL_END").alias("END"),
            pl.lit(None, pl.Date).alias("STOP"),
            regime.alias("REGIME"),
            pl.col("LAST_PLACE").is_in(s.long_term_places).alias("LONG_TERM"),
            plus_months(pl.col("SPELL_START"), 12).alias("FIRST_YEAR_END"),
            "FIRST_REVIEW",
            "ASSESSED",
            "APPROVED",
            "CARE_ORDER_FROM",
        )
    )


def _next_due(ctx: Context):
    s = ctx.settings
    regime = pl.col("REGIME")

    def next_due(prev: pl.Expr) -> pl.Expr:
        six_weeks = plus_days(prev, s.visit_interval_days)
        weekly = plus_days(prev, s.weekly_visit_days)
        before_review = pl.col("FIRST_REVIEW").is_null() | (prev < pl.col("FIRST_REVIEW"))
        # Reg 19 stops applying once the assessment is complete (the placement is then made
        # under reg 18), so the weekly visits stop too.
        unassessed = pl.col("ASSESSED").is_null() | (prev < pl.col("ASSESSED"))
        return (
            pl.when(regime == "T12").then(
                # Reg 24 ends when the connected person is approved as a foster parent: the
                # placement is then an ordinary one (six weeks in its first year).
                pl.when(pl.col("APPROVED").is_not_null() & (prev >= pl.col("APPROVED")))
                .then(six_weeks)
                .when(before_review).then(weekly)
                .otherwise(plus_days(prev, s.interim_order_home_visit_days))
            )
            .when(regime == "T11").then(
                pl.when(before_review & unassessed).then(weekly).otherwise(six_weeks)
            )
            .when(regime == "T13").then(six_weeks)
            .when(pl.col("LONG_TERM") & (prev >= pl.col("FIRST_YEAR_END")))
            .then(plus_months(prev, s.long_term_visit_months))
            .otherwise(six_weeks)
        )

    return next_due


def _build(ctx: Context) -> pl.DataFrame:
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
    return items.with_columns(
        item.alias("ITEM"),
        pl.when("FIRST").then(pl.lit("first visit in placement"))
        .otherwise(pl.lit("visit in placement")).alias("TITLE"),
    )


def visit_items(ctx: Context) -> pl.DataFrame:
    """Every visit item of every regime (ITEM T8-T13), before `chains.finish`."""
    return ctx.shared("visits", _build)
