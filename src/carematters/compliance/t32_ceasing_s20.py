"""T32 ceasing to look after a child accommodated under s20 (CPPCR 2010 reg 39).

When a child has been accommodated under section 20 (legal status V2) for a continuous period
of 20 working days or more, the decision to stop looking after them is not effective until a
nominated officer has approved it. So there is one item per period of care that ends on a run
of V2 episodes lasting at least that long: due on the day care ceased, done on the approval
date (`CareEndings.CEASE_APPROVED`); an approval after the ceasing day is late.

No decision of the authority ends care when the child died (E2), another authority took the
care over (E3), was sentenced to custody (E9), was found to be 18 or over (E15), or reached 18
(no longer a child): those endings have no item [C].

Care has ended, but a missing approval can still be given (late) and recorded, so the item stays
active, on the worker's to-do list, for `record_catch_up_days` after the ending; after that it
is missed (overdue, not active).
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from carematters.compliance._dates import birthday, plus_working_days
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.data.episodes import with_periods

RULE = "CPPCR 2010 reg 39: ceasing s20 care after 20+ working days approved by a nominated officer"
NOT_A_DECISION = ("E2", "E3", "E9", "E15")


@timescale("T32", title="ceasing s20 care approved", rule=RULE, needs=("CareEndings",))
def ceasing_approved(ctx: Context) -> pl.DataFrame:
    eps = with_periods(ctx.episodes).sort("CHILD", "DECOM")
    period = ["CHILD", "PERIOD"]
    # The V2 run that ends the period: episodes after the period's last non-V2 episode.
    number = pl.int_range(pl.len()).over(period)
    last_other = pl.when(pl.col("LS") != "V2").then(number).max().over(period).fill_null(-1)
    runs = (
        eps.filter(number > last_other)
        .group_by(period)
        .agg(pl.col("DECOM").min().alias("S20_FROM"), pl.col("DEC").last().alias("ENDED"),
             pl.col("REC").last().alias("REC"))
    )
    approvals = ctx.data["CareEndings"].select(
        "CHILD", pl.col("DEC").alias("ENDED"),
        pl.when(pl.col("CEASE_APPROVED") <= ctx.as_at).then(pl.col("CEASE_APPROVED")).alias("DONE"),
    ).unique(["CHILD", "ENDED"])
    ended = (
        runs.filter(
            pl.col("ENDED").is_not_null()
            & ~pl.col("REC").is_in(NOT_A_DECISION)
            & (pl.col("ENDED") >= plus_working_days(pl.col("S20_FROM"), ctx.settings.cease_s20_working_days))
        )
        .join(ctx.dob, on="CHILD", how="left")
        .filter(pl.col("DOB").is_null() | (pl.col("ENDED") < birthday(pl.col("DOB"), 18)))
        .join(approvals, on=["CHILD", "ENDED"], how="left")
    )
    items = ended.select(
        "CHILD",
        pl.lit("T32").alias("ITEM"),
        pl.format("decision to cease s20 care approved (ended {})", pl.col("ENDED")).alias("TITLE"),
        pl.col("ENDED").alias("DUE"),
        "DONE",
        # Care has ended: an approval still missing is a lapse to put right, for a while.
        (pl.col("ENDED") >= ctx.as_at - timedelta(days=ctx.settings.record_catch_up_days))
        .alias("ACTIVE"),
        # The approval is filed with the ending (CareEndings is keyed by DEC), so an ending in
        # the data can be judged even when the s20 run began before the data did.
        pl.col("ENDED").alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
