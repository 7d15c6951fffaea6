"""T29 the record of a looked-after review (IRO Handbook 2010, ch. 3-4) [U].

After each review the IRO sees that its decisions go to those who need them promptly (the
Handbook: within 5 working days) and that the full written record follows (within 20 working
days). Each review held gives two items under T29, one per deadline; the day of the review is
day 0 of the working-day count. A review with no `ReviewRecords` row has neither date, so both
items are open (overdue once past due).
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_working_days
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = "IRO Handbook: review decisions circulated within 5, the full record within 20 working days"


@timescale("T29", title="review record circulated", rule=RULE, needs=("ReviewRecords",))
def review_records(ctx: Context) -> pl.DataFrame:
    as_at, settings = ctx.as_at, ctx.settings
    sent = ctx.data["ReviewRecords"].select(
        "CHILD",
        "REVIEW",
        # A date after the as-at day had not happened yet on that day.
        *(pl.when(pl.col(c) <= as_at).then(pl.col(c)).alias(c)
          for c in ("DECISIONS_SENT", "RECORD_SENT")),
    ).unique(["CHILD", "REVIEW"], keep="first", maintain_order=True)
    held = (
        ctx.events("Reviews").select("CHILD", "REVIEW").unique()
        .join(sent, on=["CHILD", "REVIEW"], how="left")
    )
    looked_after = pl.col("CHILD").is_in(ctx.looked_after["CHILD"].implode())
    parts = [
        held.select(
            "CHILD",
            pl.lit("T29").alias("ITEM"),
            pl.format("{} (review of {})", pl.lit(what), pl.col("REVIEW")).alias("TITLE"),
            plus_working_days(pl.col("REVIEW"), days).alias("DUE"),
            pl.col(column).alias("DONE"),
            looked_after.alias("ACTIVE"),
            pl.col("REVIEW").alias("FROM"),
        )
        for what, column, days in (
            ("review decisions circulated", "DECISIONS_SENT", settings.review_decisions_working_days),
            ("review record circulated", "RECORD_SENT", settings.review_record_working_days),
        )
    ]
    return finish(pl.concat(parts), ctx, rule=RULE)
