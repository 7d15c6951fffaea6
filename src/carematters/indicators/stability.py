"""Placement stability: NI 62 (three or more placements) and NI 63 (long-term placements).

Spec §2.3 and §2.4. A placement is a carer spell (§2.0): RNE S, P or B opens one; L, T and U
continue it; a temporary move and the return from it are absorbed.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.codes import ADOPTION_PLACEMENTS
from carematters.data.years import add_months, add_years, year_start
from carematters.indicators._common import everyone_in
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator


def placement_counts(spells: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    """CHILD, PLACEMENTS: carer spells lived in between `start` and `end`.

    Spec §2.3 [C]: one for the spell the child was already in on `start`, plus one for every spell
    starting on or after `start` and on or before `end` (so a re-entry to care counts again).
    """
    began = pl.col("SPELL_START")
    already_in = (began < start) & (pl.col("SPELL_END").is_null() | (pl.col("SPELL_END") > start))
    starts_inside = began.is_between(start, end)
    return (
        spells.filter(already_in | starts_inside)
        .group_by("CHILD")
        .agg(pl.len().cast(pl.Int32).alias("PLACEMENTS"))
    )


def _three_or_more(cohort: pl.DataFrame, ctx: Context, start: date) -> pl.DataFrame:
    """NI 62's test over any window: the cohort's placements from `start` to 31 March, 3+ in
    the numerator (the two-year companion only moves `start` and narrows the cohort)."""
    counts = placement_counts(ctx.spells, start, ctx.end)
    counted = cohort.join(counts, on="CHILD", how="left").with_columns(
        pl.col("PLACEMENTS").fill_null(0)
    )
    return everyone_in(counted, pl.col("PLACEMENTS") >= 3, pl.col("PLACEMENTS"))


_NI62 = dict(theme="stability", direction="lower", unit="%", tables=("Episodes",), spec="§2.3")


@indicator(
    "NI62",
    title="Children looked after with three or more placements in the year",
    definition="Percentage of children looked after at 31 March who lived in three or more "
               "placements (carer spells) during the year from 1 April.",
    numerator="Children whose placement count is 3 or more: 1 for the placement held on 1 April "
              "plus each new carer (RNE S, P or B) during the year.",
    denominator="Children looked after at 31 March.",
    exclusions="Short breaks (V3/V4) removed; temporary moves and the return from them, and "
               "becoming placed for adoption with the same carers, are not new placements.",
    **_NI62,
)
def ni62(ctx: Context) -> pl.DataFrame:
    return _three_or_more(ctx.looked_after_at_end, ctx, ctx.start)


@indicator(
    "NI62_2Y",
    title="Children looked after for two years with three or more placements over two years",
    definition="Percentage of children looked after at 31 March, and continuously for the two "
               "years before, who lived in three or more placements over those two years "
               "(the DfE companion to NI 62).",
    numerator="Children with 3 or more placements between 1 April two years earlier and 31 March.",
    denominator="Children looked after at 31 March whose current period of care began on or "
                "before 31 March two years earlier.",
    exclusions="As NI 62.", history_years=2, **_NI62,
)
def ni62_two_years(ctx: Context) -> pl.DataFrame:
    cohort = ctx.looked_after_at_end.join(ctx.periods, on=["CHILD", "PERIOD"], how="left").filter(
        pl.col("PERIOD_START") <= add_years(ctx.end, -2)
    )
    return _three_or_more(cohort, ctx, year_start(ctx.year - 1))


@indicator(
    "NI63",
    title="Children looked after long-term who have lived in the same placement for 2 years",
    theme="stability",
    definition="Percentage of children under 16 at 31 March, looked after continuously for at "
               "least 2.5 years, who have lived in the same placement for at least 2 years, or "
               "are placed for adoption and their adoptive placement together with the one "
               "before lasted at least 2 years.",
    numerator="Current carer spell began on or before 31 March two years earlier; or the child "
              "is in an adoptive placement (A3-A6) and the carer spell before it began by then.",
    denominator="Looked after at 31 March, aged under 16 then, whose current period of care "
                "began on or before 31 March less 2 years 6 months (30 September).",
    exclusions="Short breaks (V3/V4) removed. Legal-status changes and house moves with the same "
               "carers (RNE L, T, U) do not end a placement.",
    direction="higher", unit="%", tables=("Episodes", "Header"), history_years=3, spec="§2.4",
)
def ni63(ctx: Context) -> pl.DataFrame:
    two_years_ago = add_years(ctx.end, -2)
    spells = ctx.spells.select("CHILD", "SPELL", "SPELL_START")
    previous = spells.with_columns(pl.col("SPELL") + 1).rename(
        {"SPELL_START": "PREVIOUS_SPELL_START"}
    )
    current = (
        ctx.with_age(ctx.looked_after_at_end)
        .join(ctx.periods.select("CHILD", "PERIOD", "PERIOD_START"), on=["CHILD", "PERIOD"])
        .join(spells, on=["CHILD", "SPELL"], how="left")
        .join(previous, on=["CHILD", "SPELL"], how="left")
    )
    cohort = current.filter(
        (pl.col("AGE") < 16) & (pl.col("PERIOD_START") <= add_months(ctx.end, -30))
    )
    # The previous spell must belong to the current period: the period began before it.
    previous_in_period = pl.col("PREVIOUS_SPELL_START") >= pl.col("PERIOD_START")
    same_placement = pl.col("SPELL_START") <= two_years_ago
    adoptive = pl.col("PLACE").is_in(ADOPTION_PLACEMENTS) & previous_in_period & (
        pl.col("PREVIOUS_SPELL_START") <= two_years_ago
    )
    days_in_placement = (pl.lit(ctx.end) - pl.col("SPELL_START")).dt.total_days()
    return everyone_in(cohort, same_placement | adoptive.fill_null(False), days_in_placement)
