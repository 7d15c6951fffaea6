"""T18 immunisations up to date (Health SG 2015; OC2 IMMUNISATIONS).

A flag on each health assessment rather than a clock: for every child looked after on the
as-at date, the latest assessment that recorded it is "done" when immunisations were up to
date and "overdue" when they were not (the catch-up is owed from that assessment).
"""

from __future__ import annotations

import polars as pl

from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = "Health SG 2015; OC2: immunisations up to date with the national schedule"


@timescale("T18", title="immunisations", rule=RULE, needs=("HealthAssessments",))
def immunisations(ctx: Context) -> pl.DataFrame:
    latest = (
        ctx.events("HealthAssessments")
        .filter(pl.col("IMMUNISATIONS_UP_TO_DATE").is_not_null())
        .join(ctx.looked_after, on="CHILD", how="semi")
        .sort("CHILD", "ASSESSMENT_DATE")
        .unique("CHILD", keep="last")
    )
    up_to_date = pl.col("IMMUNISATIONS_UP_TO_DATE") == 1
    return finish(
        latest.select(
            "CHILD",
            pl.lit("T18").alias("ITEM"),
            pl.lit("immunisations up to date").alias("TITLE"),
            pl.col("ASSESSMENT_DATE").alias("DUE"),
            pl.when(up_to_date).then(pl.col("ASSESSMENT_DATE")).alias("DONE"),
        ),
        ctx,
        rule=RULE,
    )
