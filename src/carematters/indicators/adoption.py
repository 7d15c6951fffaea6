"""Adoption: NI 61 (timeliness of placement) and the adoption scorecard A1, A2, A3, A10.

Spec §2.2 and §2.9. The scorecard measures are three-year averages over the children adopted in
the three collection years ending with the chosen one.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.codes import ADOPTED_REC, ADOPTION_PLACEMENTS, FOSTER_CARER_ADOPTION
from carematters.data.years import year_start
from carematters.indicators._common import days_between, everyone_in
from carematters.indicators.context import Context
from carematters.indicators.registry import indicator

COURT_AUTHORITY_LS = ("E1", "D1")  # placement order, freeing order


def adoptions(ctx: Context, start: date, end: date) -> pl.DataFrame:
    """One row per child adopted between `start` and `end`, with the dates the measures use.

    ENTRY: start of the period of care that ended in adoption. MOVED_IN: first A3-A6 episode of
    the final carer spell (for A3/A5 the day the foster placement became an adoptive one).
    SPELL_START: when the child first moved in with the carers who adopted. AUTHORITY: first
    placement or freeing order (LS E1/D1) in the period. DISRUPTED: an adoptive placement in an
    earlier carer spell of the same period.
    """
    eps = ctx.spell_episodes
    adopted = (
        eps.filter(pl.col("REC").is_in(ADOPTED_REC) & pl.col("DEC").is_between(start, end))
        .sort("CHILD", "DEC")
        .unique("CHILD", keep="last", maintain_order=True)
        .select("CHILD", "PERIOD", pl.col("SPELL").alias("FINAL_SPELL"), pl.col("DEC").alias("ADOPTED"))
    )
    in_period = eps.join(adopted, on=["CHILD", "PERIOD"]).sort("CHILD", "DECOM")
    is_adoptive = pl.col("PLACE").is_in(ADOPTION_PLACEMENTS)
    final = pl.col("SPELL") == pl.col("FINAL_SPELL")
    dates = in_period.group_by("CHILD").agg(
        pl.col("DECOM").min().alias("ENTRY"),
        pl.col("DECOM").filter(final).min().alias("SPELL_START"),
        pl.col("DECOM").filter(final & is_adoptive).min().alias("MOVED_IN"),
        pl.col("PLACE").filter(final & is_adoptive).first().alias("ADOPTIVE_PLACE"),
        pl.col("DECOM").filter(pl.col("LS").is_in(COURT_AUTHORITY_LS)).min().alias("AUTHORITY"),
        (is_adoptive & (pl.col("SPELL") < pl.col("FINAL_SPELL"))).any().alias("DISRUPTED"),
    )
    ad1 = ctx.data["AD1"].select("CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE")
    return adopted.join(dates, on="CHILD").join(ad1, on="CHILD", how="left").sort("CHILD")


def _window(ctx: Context) -> pl.DataFrame:
    return ctx.memo(("adoptions", 3), lambda: adoptions(ctx, year_start(ctx.year - 2), ctx.end))


def _placed(ctx: Context) -> pl.DataFrame:
    """The scorecard cohort of A1, A10 and A3 (A2 narrows it further): children adopted in the
    three years whose adoptive placement is recorded."""
    return _window(ctx).filter(pl.col("MOVED_IN").is_not_null())


_SCORECARD = dict(theme="adoption", tables=("Episodes", "AD1"), history_years=3, spec="§2.9")
_PLACED = "Children adopted in the three years with an adoptive placement recorded."


@indicator(
    "NI61",
    title="Timeliness of placements of looked after children for adoption",
    theme="adoption",
    definition="Percentage of children adopted during the year who were placed for adoption "
               "within 12 months of the agency decision that they should be placed for adoption.",
    numerator="Adopted children placed with their adopters before the decision date plus 12 "
              "months (or within 365 days, by parameter).",
    denominator="Children adopted in the year (an episode ending E11 or E12) with a decision "
                "date (AD1 DATE_INT) and an adoptive placement recorded.",
    exclusions="Children adopted from a different placement from the one they were first placed "
               "for adoption in (disrupted placements); children without an adoptive placement or "
               "a decision date.",
    direction="higher", unit="%", tables=("Episodes", "AD1"),
    params=("ni61_rule", "ni61_months"), spec="§2.2",
)
def ni61(ctx: Context) -> pl.DataFrame:
    adopted = adoptions(ctx, ctx.start, ctx.end).filter(
        ~pl.col("DISRUPTED") & pl.col("MOVED_IN").is_not_null() & pl.col("DATE_INT").is_not_null()
    )
    months = ctx.params.ni61_months
    if ctx.params.ni61_rule == "days":
        in_time = days_between("MOVED_IN", "DATE_INT") <= 365 * months // 12
    else:
        in_time = pl.col("MOVED_IN") < pl.col("DATE_INT").dt.offset_by(f"{months}mo")
    return everyone_in(adopted, in_time, days_between("MOVED_IN", "DATE_INT"))


@indicator(
    "A1",
    title="Average days between entering care and moving in with the adoptive family",
    definition="Three-year average of the days between a child entering care and moving in with "
               "the family who adopted them, for children adopted in the three years to 31 March.",
    numerator="Sum of days from the start of the period of care to the first adoptive placement "
              "(A3-A6) with the adopters.",
    denominator=_PLACED,
    exclusions="Children with no adoptive placement recorded before the adoption order.",
    direction="lower", unit="days", **_SCORECARD,
)
def a1(ctx: Context) -> pl.DataFrame:
    adopted = _placed(ctx)
    return everyone_in(adopted, True, days_between("MOVED_IN", "ENTRY"))


@indicator(
    "A10",
    title="Average days between entering care and moving in with the adoptive family, "
          "adjusted for foster carer adoptions",
    definition="As A1, but when the child was adopted by their foster carers the date they first "
               "moved in with those carers is used.",
    numerator="Sum of days from entering care to moving in with the adopters (for A3/A5 or "
              "FOSTER_CARE = 1: to the start of the carer spell with them).",
    denominator=_PLACED,
    exclusions="As A1.",
    direction="lower", unit="days", **_SCORECARD,
)
def a10(ctx: Context) -> pl.DataFrame:
    adopted = _placed(ctx)
    by_foster_carers = pl.col("ADOPTIVE_PLACE").is_in(FOSTER_CARER_ADOPTION) | (
        pl.col("FOSTER_CARE") == 1
    ).fill_null(False)
    moved_in = pl.when(by_foster_carers).then(pl.col("SPELL_START")).otherwise(pl.col("MOVED_IN"))
    return everyone_in(adopted, True, (moved_in - pl.col("ENTRY")).dt.total_days())


@indicator(
    "A2",
    title="Average days between court authority to place and the decision to match",
    definition="Three-year average of the days between the authority receiving court authority "
               "to place (placement or freeing order) and deciding to match the child with the "
               "family who adopted them; a match before the order counts as 0 days.",
    numerator="Sum of days from the first E1/D1 legal status in the period to AD1 DATE_MATCH.",
    denominator="Children adopted in the three years who had a placement or freeing order, an "
                "adoptive placement and a match date.",
    exclusions="Children not placed for adoption before the order; consent cases without a "
               "placement or freeing order.",
    direction="lower", unit="days", **_SCORECARD,
)
def a2(ctx: Context) -> pl.DataFrame:
    adopted = _placed(ctx).filter(
        pl.col("AUTHORITY").is_not_null() & pl.col("DATE_MATCH").is_not_null()
    )
    return everyone_in(adopted, True, days_between("DATE_MATCH", "AUTHORITY").clip(lower_bound=0))


@indicator(
    "A3",
    title="Children who waited less than 14 months between entering care and moving in with "
          "their adoptive family",
    definition="Percentage of children adopted in the three years to 31 March who moved in with "
               "their adoptive family less than 14 months after entering care.",
    numerator="Adopted children whose moving-in date is before the entry date plus 14 months "
              "(or fewer than 426 days, by parameter).",
    denominator=_PLACED,
    exclusions="As A1.",
    direction="higher", unit="%", params=("a3_rule", "a3_months", "a3_days"), **_SCORECARD,
)
def a3(ctx: Context) -> pl.DataFrame:
    adopted = _placed(ctx)
    waited = days_between("MOVED_IN", "ENTRY")
    if ctx.params.a3_rule == "days":
        quick = waited < ctx.params.a3_days
    else:
        quick = pl.col("MOVED_IN") < pl.col("ENTRY").dt.offset_by(f"{ctx.params.a3_months}mo")
    return everyone_in(adopted, quick, waited)
