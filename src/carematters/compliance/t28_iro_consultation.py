"""T28 the IRO speaks to the child before each review (CA 1989 s25B; CPPCR 2010 reg 36).

Reg 36: before each review the IRO must speak to the child in private about what the review
will consider, unless the child, of sufficient understanding, refuses, or the IRO thinks it
inappropriate given the child's age and understanding. One item per review held, due on the
review day. `ReviewRecords.IRO_CONSULTED = 1` (spoken to, or declined) is done on that day.

A consultation cannot be made good after the review, so the item is never "done_late": nothing
was done. Recorded as not consulted (0), it is "overdue" and not active, the status vocabulary's
"missed" (chains.ITEM_SCHEMA): there is nothing left to do. With nothing recorded either way it
is still actionable, since the IRO may have spoken to the child and not said so: it stays active
(on the worker's to-do list) for `record_catch_up_days` after the review, then is missed.
Reviews coded PN0 (a child under 4) have no item: too young to be consulted.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = "CA 1989 s25B; CPPCR 2010 reg 36: IRO speaks to the child in private before each review"


@timescale("T28", title="IRO spoke to the child", rule=RULE, needs=("ReviewRecords",))
def iro_consultation(ctx: Context) -> pl.DataFrame:
    consulted = ctx.data["ReviewRecords"].filter(pl.col("IRO_CONSULTED").is_not_null()).select(
        "CHILD", "REVIEW",
        pl.when(pl.col("IRO_CONSULTED") == 1).then(pl.col("REVIEW")).alias("DONE"),
        pl.lit(True).alias("RECORDED"),
    ).unique(["CHILD", "REVIEW"])
    catch_up = ctx.as_at - timedelta(days=ctx.settings.record_catch_up_days)
    held = (
        ctx.events("Reviews").filter(pl.col("REVIEW_CODE") != "PN0")
        .select("CHILD", "REVIEW").unique()
        .join(consulted, on=["CHILD", "REVIEW"], how="left")
    )
    items = held.select(
        "CHILD",
        pl.lit("T28").alias("ITEM"),
        pl.format("IRO spoke to the child (review of {})", pl.col("REVIEW")).alias("TITLE"),
        pl.col("REVIEW").alias("DUE"),
        "DONE",
        # The review is over: a consultation missed then cannot be made up, but one not recorded
        # either way may only be missing from the record.
        (pl.col("RECORDED").is_null() & (pl.col("REVIEW") >= catch_up)).alias("ACTIVE"),
        pl.col("REVIEW").alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
