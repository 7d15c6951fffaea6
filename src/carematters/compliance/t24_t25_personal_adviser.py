"""T24 personal adviser appointed and T25 personal adviser contact (CA 1989 s23B, s23CA,
Sch 2 para 19C; Children and Social Work Act 2017 s3; Vol 3).

Every eligible child needs a personal adviser; we expect one by the time the needs assessment is
due [C]. After leaving care the adviser keeps in touch: Vol 3 expects regular contact, commonly
at least every 8 weeks [U], while support lasts (to 21, or 25 when still in touch after 21).
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_days, plus_months
from carematters.compliance.chains import chain, finish, first_event
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.compliance.t21_t23_pathway import leavers

T24_RULE = "CA 1989 s23B, s23CA, Sch 2 para 19C: personal adviser for every care leaver to 25"
T25_RULE = "Care Leavers (England) Regulations 2010; Vol 3: adviser keeps in touch (every 8 weeks)"


@timescale("T24", "T25", title="personal adviser", rule=T24_RULE, needs=("PAContacts",))
def personal_adviser(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    people = leavers(ctx)
    supported = pl.col("SUPPORT_UNTIL") >= ctx.as_at
    adviser_dates = pl.concat([
        ctx.event_dates("PathwayPlans", pl.col("PA_ID").is_not_null()),
        ctx.event_dates("PAContacts"),
    ]).unique()
    t24 = first_event(
        people, adviser_dates, pl.col("ELIGIBLE_FROM"), pl.lit(None, pl.Date)
    ).select(
        "CHILD",
        pl.lit("T24").alias("ITEM"),
        pl.lit("personal adviser allocated").alias("TITLE"),
        plus_months(pl.col("ELIGIBLE_FROM"), s.needs_assessment_months).alias("DUE"),
        "DONE",
        supported.alias("ACTIVE"),
        pl.col("ELIGIBLE_FROM").alias("FROM"),
    )
    left = people.filter(
        pl.col("LEFT_CARE").is_not_null() & (pl.col("END_REASON") != "E2").fill_null(True)
    )
    anchors = left.select(
        "CHILD",
        pl.lit(1).alias("ANCHOR"),
        plus_days(pl.col("LEFT_CARE"), 1).alias("START"),
        pl.when(supported).then(None).otherwise(pl.col("SUPPORT_UNTIL")).alias("END"),
        pl.col("SUPPORT_UNTIL").alias("STOP"),
        "LEFT_CARE",
    )
    t25 = chain(
        anchors,
        ctx.event_dates("PAContacts"),
        first_due=plus_days(pl.col("LEFT_CARE"), s.pa_contact_days),
        next_due=lambda prev: plus_days(prev, s.pa_contact_days),
        horizon=ctx.horizon,
    ).select(
        "CHILD",
        pl.lit("T25").alias("ITEM"),
        pl.lit("adviser contact").alias("TITLE"),
        "DUE", "DONE", "ACTIVE",
    )
    return pl.concat([finish(t24, ctx, rule=T24_RULE), finish(t25, ctx, rule=T25_RULE)])
