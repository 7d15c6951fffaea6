"""T17 dental checks (CPPCR Sch 1 para 1(4)(a); OC2 TEETH_CHECK).

The health plan covers routine dental checks; OC2 asks whether the teeth were checked in the
year, so the statutory minimum taken here is one check within 12 months of entering care and
then within 12 months of the last [C]. Many authorities work to 6 months: `dental_months`.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_months
from carematters.compliance.chains import chain, finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.compliance.t15_t16_health import period_anchors

RULE = "CPPCR 2010 Sch 1 para 1(4)(a); OC2: dental check at least every 12 months (configurable)"


@timescale("T17", title="dental check", rule=RULE, needs=("DentalChecks",))
def dental_checks(ctx: Context) -> pl.DataFrame:
    months = ctx.settings.dental_months
    items = chain(
        period_anchors(ctx),
        ctx.event_dates("DentalChecks"),
        first_due=plus_months(pl.col("PERIOD_START"), months),
        next_due=lambda prev: plus_months(prev, months),
        horizon=ctx.horizon,
    )
    return finish(
        items.with_columns(
            pl.lit("T17").alias("ITEM"), pl.lit("dental check").alias("TITLE")
        ),
        ctx,
        rule=RULE,
    )
