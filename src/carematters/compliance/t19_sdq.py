"""T19 strengths and difficulties questionnaire (Health SG 2015; OC2 SDQ_SCORE).

Carers complete an SDQ every year for each child aged 4 to 16 looked after for 12 months or
more. The first is due when the child has been in care 12 months or turns 4, whichever is
later; then 12 months after the last. Nothing falls due once the child is 17 [C].
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import birthday, plus_days, plus_months
from carematters.compliance.chains import chain, finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.compliance.t15_t16_health import period_anchors

RULE = "Health SG 2015; OC2: SDQ every 12 months for ages 4-16 looked after 12 months or more"


@timescale("T19", title="SDQ", rule=RULE, needs=("SDQScores",))
def sdq(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    anchors = period_anchors(ctx).filter(pl.col("DOB").is_not_null()).with_columns(
        plus_days(birthday(pl.col("DOB"), s.sdq_max_age + 1), -1).alias("STOP")
    )
    first_due = pl.max_horizontal(
        plus_months(pl.col("PERIOD_START"), s.sdq_months), birthday(pl.col("DOB"), s.sdq_min_age)
    )
    items = chain(
        anchors,
        ctx.event_dates("SDQScores"),
        first_due=first_due,
        next_due=lambda prev: plus_months(prev, s.sdq_months),
        horizon=ctx.horizon,
    )
    return finish(
        items.with_columns(
            pl.lit("T19").alias("ITEM"), pl.lit("SDQ").alias("TITLE")
        ),
        ctx,
        rule=RULE,
    )
