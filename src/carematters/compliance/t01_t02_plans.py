"""T1 care plan and T2 placement plan (CPPCR reg 4(2) and reg 9).

Both are due "before the placement, or if that is not practicable" within a few working days
of it. A plan dated shortly before the placement counts as made before it.
"""

from __future__ import annotations

import polars as pl

from carematters.compliance._dates import plus_days, plus_working_days
from carematters.compliance.chains import finish, first_event
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

T1_RULE = "CPPCR 2010 reg 4(2): care plan before the first placement or within 10 working days"
T2_RULE = "CPPCR 2010 reg 9: placement plan before the placement or within 5 working days"


@timescale("T1", title="care plan", rule=T1_RULE, needs=("Plans",))
def care_plan(ctx: Context) -> pl.DataFrame:
    """One care plan per period of care, due 10 working days after it starts."""
    s = ctx.settings
    start = pl.col("PERIOD_START")
    plans = ctx.event_dates("Plans", pl.col("PLAN_TYPE") == "CARE")
    items = first_event(
        ctx.periods, plans, plus_days(start, -s.prepared_before_days), pl.col("PERIOD_END")
    )
    return finish(
        items.select(
            "CHILD",
            pl.lit("T1").alias("ITEM"),
            pl.lit("care plan").alias("TITLE"),
            plus_working_days(start, s.care_plan_working_days).alias("DUE"),
            "DONE",
            pl.col("PERIOD_END").is_null().alias("ACTIVE"),
            plus_days(start, -s.prepared_before_days).alias("FROM"),
        ),
        ctx,
        rule=T1_RULE,
    )


@timescale("T2", title="placement plan", rule=T2_RULE, needs=("Plans",))
def placement_plan(ctx: Context) -> pl.DataFrame:
    """One placement plan per carer spell, due 5 working days after the placement starts.

    A plan made before the placement counts for it, but not one made before the previous
    placement began (that one belongs to the previous placement).
    """
    s = ctx.settings
    start = pl.col("SPELL_START")
    earliest = pl.max_horizontal(
        plus_days(start, -s.prepared_before_days),
        plus_days(start.shift(1).over("CHILD"), 1),
    )
    plans = ctx.event_dates("Plans", pl.col("PLAN_TYPE") == "PLACEMENT")
    spells = ctx.spells.sort("CHILD", "SPELL").with_columns(earliest.alias("_from"))
    items = first_event(spells, plans, pl.col("_from"), pl.col("SPELL_END"))
    return finish(
        items.select(
            "CHILD",
            pl.lit("T2").alias("ITEM"),
            pl.format("placement plan ({})", pl.col("FIRST_PLACE")).alias("TITLE"),
            plus_working_days(start, s.placement_plan_working_days).alias("DUE"),
            "DONE",
            pl.col("SPELL_END").is_null().alias("ACTIVE"),
            pl.col("_from").alias("FROM"),
        ),
        ctx,
        rule=T2_RULE,
    )
