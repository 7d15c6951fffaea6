"""T21 needs assessment, T22 pathway plan and T23 pathway plan reviews (CPPCR reg 42-43;
Care Leavers (England) Regulations 2010).

The needs assessment is due not more than 3 months after the child becomes an eligible child
(at 16, or later when the 13 weeks are completed). The pathway plan follows "as soon as
practicable" after it: a local standard of 10 working days [C]. The plan is reviewed at least
every 6 months while the young person has leaving-care support: to 21, or to 25 when the young
person is still in touch after 21 [C].
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import birthday, plus_days, plus_months, plus_working_days
from carematters.compliance.chains import chain, finish, first_event
from carematters.compliance.context import Context
from carematters.compliance.eligibility import care_leavers
from carematters.compliance.registry import timescale

T21_RULE = "CPPCR 2010 reg 42(1): needs assessment within 3 months of becoming an eligible child"
T22_RULE = "CPPCR 2010 reg 43: pathway plan as soon as practicable after the needs assessment"
T23_RULE = "Care Leavers (England) Regulations 2010: pathway plan reviewed at least every 6 months"


def leavers(ctx: Context) -> pl.DataFrame:
    """Care leavers (eligible, relevant, former relevant) with SUPPORT_UNTIL: the 21st
    birthday, or the 25th when there is a pathway plan or adviser contact after the 21st."""
    s = ctx.settings
    people = care_leavers(ctx.data["Episodes"], ctx.dob, ctx.as_at, s.eligible_days)
    contact = pl.concat([
        ctx.event_dates("PathwayPlans"), ctx.event_dates("PAContacts")
    ]).join(people.select("CHILD", "DOB"), on="CHILD", how="inner")
    after_21 = contact.filter(
        pl.col("DATE") >= birthday(pl.col("DOB"), s.leaving_care_age)
    ).select("CHILD").unique()
    extended = pl.col("CHILD").is_in(after_21["CHILD"].implode())
    return people.with_columns(
        pl.when(extended)
        .then(plus_days(birthday(pl.col("DOB"), s.leaving_care_extended_age), -1))
        .otherwise(plus_days(birthday(pl.col("DOB"), s.leaving_care_age), -1))
        .alias("SUPPORT_UNTIL")
    )


def _still_supported(ctx: Context) -> pl.Expr:
    return pl.col("SUPPORT_UNTIL") >= ctx.as_at


@timescale(
    "T21", "T22", "T23", title="needs assessment and pathway plan", rule=T21_RULE,
    needs=("PathwayPlans",),
)
def pathway(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    people = leavers(ctx)
    kind = pl.col("KIND")
    assessments = ctx.event_dates("PathwayPlans", kind == "NA")
    plans = ctx.event_dates("PathwayPlans", kind == "PLAN")
    window_from = plus_days(
        pl.min_horizontal("ELIGIBLE_FROM", birthday(pl.col("DOB"), 16)), -s.prepared_before_days
    )
    t21 = first_event(people, assessments, window_from, pl.lit(None, pl.Date)).with_columns(
        pl.lit("T21").alias("ITEM"),
        pl.lit("needs assessment").alias("TITLE"),
        plus_months(pl.col("ELIGIBLE_FROM"), s.needs_assessment_months).alias("DUE"),
        _still_supported(ctx).alias("ACTIVE"),
        window_from.alias("FROM"),
    )
    assessed = t21.filter(pl.col("DONE").is_not_null()).select(
        "CHILD", "SUPPORT_UNTIL", pl.col("DONE").alias("ASSESSED")
    )
    t22 = first_event(assessed, plans, pl.col("ASSESSED"), pl.lit(None, pl.Date)).with_columns(
        pl.lit("T22").alias("ITEM"),
        pl.lit("pathway plan").alias("TITLE"),
        plus_working_days(pl.col("ASSESSED"), s.pathway_plan_working_days).alias("DUE"),
        _still_supported(ctx).alias("ACTIVE"),
        pl.col("ASSESSED").alias("FROM"),
    )
    columns = ["CHILD", "ITEM", "TITLE", "DUE", "DONE", "ACTIVE", "FROM"]
    return pl.concat([
        finish(t21.select(columns), ctx, rule=T21_RULE),
        finish(t22.select(columns), ctx, rule=T22_RULE),
        finish(_reviews(ctx, people, plans).select(columns[:-1]), ctx, rule=T23_RULE),
    ])


def _reviews(ctx: Context, people: pl.DataFrame, plans: pl.DataFrame) -> pl.DataFrame:
    months = ctx.settings.pathway_review_months
    first_plan = people.join(
        plans.group_by("CHILD").agg(pl.col("DATE").min().alias("FIRST_PLAN")), on="CHILD"
    )
    anchors = first_plan.select(
        "CHILD",
        pl.lit(1).alias("ANCHOR"),
        plus_days(pl.col("FIRST_PLAN"), 1).alias("START"),
        pl.when(_still_supported(ctx)).then(None).otherwise(pl.col("SUPPORT_UNTIL")).alias("END"),
        pl.col("SUPPORT_UNTIL").alias("STOP"),
        "FIRST_PLAN",
    )
    return chain(
        anchors,
        ctx.event_dates("PathwayPlans", pl.col("KIND").is_in(["PLAN", "REV"])),
        first_due=plus_months(pl.col("FIRST_PLAN"), months),
        next_due=lambda prev: plus_months(prev, months),
        horizon=ctx.horizon,
    ).with_columns(
        pl.lit("T23").alias("ITEM"),
        pl.lit("pathway plan review").alias("TITLE"),
    )

