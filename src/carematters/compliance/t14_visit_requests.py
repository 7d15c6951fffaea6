"""T14 visits whenever reasonably requested by the child or the carer (CPPCR 2010 reg 28,
Vol 2) [U].

Not an interval clock: the duty is to visit when asked, as well as on the reg 28 timetable. The
record keeps each request (`VisitRequests`) and the visits (`Visits`); each request is an item,
done by the first visit at which the child was seen on or after the day of the request. The
regulations set no time limit, so the item is due `requested_visit_working_days` after the
request (a local standard [C]). A request a manager judged not reasonable (`NOT_REASONABLE = 1`)
is no item. A request whose period of care ended without a visit was missed.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_working_days
from carematters.compliance.chains import finish, first_event
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = "CPPCR 2010 reg 28, Vol 2: a visit whenever reasonably requested by the child or the carer"


@timescale("T14", title="visits on request", rule=RULE, needs=("VisitRequests", "Visits"))
def visit_requests(ctx: Context) -> pl.DataFrame:
    in_period = (pl.col("REQUEST_DATE") >= pl.col("PERIOD_START")) & (
        pl.col("PERIOD_END").is_null() | (pl.col("REQUEST_DATE") <= pl.col("PERIOD_END"))
    )
    requests = (
        ctx.events("VisitRequests")
        .filter(pl.col("NOT_REASONABLE").fill_null(0) != 1)
        .select("CHILD", "REQUEST_DATE", "REQUESTED_BY")
        .join(ctx.periods.select("CHILD", "PERIOD_START", "PERIOD_END"), on="CHILD", how="inner")
        .filter(in_period)
    )
    seen = ctx.event_dates("Visits", pl.col("SEEN").fill_null(1) == 1)
    visited = first_event(requests, seen, pl.col("REQUEST_DATE"), pl.col("PERIOD_END"))
    who = pl.col("REQUESTED_BY").replace_strict({"CHILD": "the child", "CARER": "the carer"},
                                                 default="the child or carer")
    items = visited.select(
        "CHILD",
        pl.lit("T14").alias("ITEM"),
        pl.format("visit asked for by {} ({})", who, pl.col("REQUEST_DATE")).alias("TITLE"),
        plus_working_days(pl.col("REQUEST_DATE"), ctx.settings.requested_visit_working_days)
        .alias("DUE"),
        "DONE",
        pl.col("PERIOD_END").is_null().alias("ACTIVE"),
        pl.col("REQUEST_DATE").alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
