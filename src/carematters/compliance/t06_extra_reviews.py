"""T6 extra reviews (CPPCR 2010 reg 32(2), 33(3)): event-driven, one item per trigger.

Besides the reviews on the reg 33(1)-(2) clock, a review must be held earlier when the IRO asks
for one, when a visit finds the placement does not safeguard the child's welfare (reg 30), when
the child is to leave accommodation under s21(2)(b)/(c) or detention before a review would
otherwise happen, or when s20 accommodation is to end without a parent taking over (reg 33(3));
and no significant change to the care plan may be made until a review has considered it, unless
that is not reasonably practicable (reg 32(2)).

Each `ReviewTriggers` row is an item: due on its `REVIEW_BY` date (the day the change or ending
takes effect, or the day the IRO asked for) or, when none is recorded, `extra_review_working_days`
after the trigger [C]; done by the first review held (`Reviews.REVIEW`) from the trigger day to
the end of that period of care, whatever else it was for [C]. A trigger whose period of care has
ended without a review was missed. A trigger outside any period of care has no item.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_working_days
from carematters.compliance.chains import finish, first_event
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = (
    "CPPCR 2010 reg 32(2), 33(3): an earlier review on the IRO's request, before a significant "
    "change to the care plan, and on the other listed events"
)

TITLES = {
    "IRO": "IRO asked for a review",
    "VISIT": "visit found welfare not safeguarded",
    "PLAN": "significant change to the care plan",
    "REMAND": "end of accommodation on remand",
    "CUSTODY": "end of detention",
    "CEASE": "end of s20 accommodation",
}


@timescale("T6", title="extra reviews", rule=RULE, needs=("ReviewTriggers", "Reviews"))
def extra_reviews(ctx: Context) -> pl.DataFrame:
    in_period = (pl.col("TRIGGER_DATE") >= pl.col("PERIOD_START")) & (
        pl.col("PERIOD_END").is_null() | (pl.col("TRIGGER_DATE") <= pl.col("PERIOD_END"))
    )
    triggers = (
        ctx.events("ReviewTriggers")
        .select("CHILD", "TRIGGER_DATE", "TRIGGER", "REVIEW_BY")
        .join(ctx.periods.select("CHILD", "PERIOD_START", "PERIOD_END"), on="CHILD", how="inner")
        .filter(in_period)
    )
    reviewed = first_event(
        triggers, ctx.event_dates("Reviews"), pl.col("TRIGGER_DATE"), pl.col("PERIOD_END")
    )
    default_due = plus_working_days(pl.col("TRIGGER_DATE"), ctx.settings.extra_review_working_days)
    items = reviewed.select(
        "CHILD",
        pl.lit("T6").alias("ITEM"),
        pl.format("earlier review: {} ({})",
                  pl.col("TRIGGER").replace_strict(TITLES, default=pl.col("TRIGGER")),
                  pl.col("TRIGGER_DATE")).alias("TITLE"),
        pl.coalesce("REVIEW_BY", default_due).alias("DUE"),
        "DONE",
        # Care has ended: the review that should have come first can no longer be held.
        pl.col("PERIOD_END").is_null().alias("ACTIVE"),
        pl.col("TRIGGER_DATE").alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
