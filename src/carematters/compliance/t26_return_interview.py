"""T26 return home interview after a missing episode (Missing SG 2014).

An independent return interview is offered within 72 hours of the child coming back. Dates
are whole days, so the due date is the return date plus 3 days. An offer meets the duty even
when the child declines; the earlier of the offer and the interview date counts as done.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_days
from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = "Missing SG 2014: independent return interview offered within 72 hours of return"


@timescale("T26", title="return interview", rule=RULE, needs=("ReturnInterviews",))
def return_interviews(ctx: Context) -> pl.DataFrame:
    as_at = ctx.as_at
    interviews = ctx.data["ReturnInterviews"].select(
        "CHILD",
        "MIS_START",
        pl.min_horizontal(
            pl.when(pl.col(c) <= as_at).then(pl.col(c)) for c in ("RHI_OFFERED", "RHI_DATE")
        ).alias("DONE"),
    )
    returns = ctx.events("Missing").filter(
        pl.col("MIS_END").is_not_null() & (pl.col("MIS_END") <= as_at)
    )
    items = returns.join(interviews, on=["CHILD", "MIS_START"], how="left").select(
        "CHILD",
        pl.lit("T26").alias("ITEM"),
        pl.format("return interview ({} from {})", pl.col("MISSING"), pl.col("MIS_START"))
        .alias("TITLE"),
        plus_days(pl.col("MIS_END"), ctx.settings.return_interview_days).alias("DUE"),
        "DONE",
        pl.col("CHILD").is_in(ctx.looked_after["CHILD"].implode()).alias("ACTIVE"),
        pl.col("MIS_END").alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
