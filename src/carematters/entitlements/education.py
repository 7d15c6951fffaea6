"""Personal Education Allowance and Pupil Premium Plus (spec §4.2).

PEA: £500 a year, 2008-09 to 2010-11 [U end], for a looked-after child of school age at risk
of not reaching expected attainment; the risk is judged through the PEP and is not in the data,
so the rows list the children for whom it can be considered. Pupil Premium Plus, from 2011-12:
a yearly grant per looked-after child, managed by the virtual school head; previously
looked-after children (adopted, special guardianship, child arrangements order) attract the
same rate through their school.

Conventions [C]: a financial year (April-March) counts a child looked after on any day of it
(outside short breaks); school age is 4 to 15 on the 31 August in that year (Reception to Year
11); for previously looked-after children, every year after the one they left care in.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.compliance.context import Context
from carematters.data.codes import ADOPTED_REC
from carematters.data.years import age_on_expr
from carematters.entitlements._base import finish, with_evidence
from carematters.entitlements.parameters import DEFAULT_PARAMETERS, Parameter, amount_on

PEA_YEARS = (2008, 2010)  # financial years starting April 2008 to April 2010
PP_FIRST_YEAR = 2011
#: Orders after which a child is "previously looked after" for Pupil Premium Plus.
PERMANENCE_REC = (*ADOPTED_REC, "E41", "E43", "E44", "E45", "E46", "E47", "E48")


def financial_years(first: int, last: int) -> pl.DataFrame:
    """FY (start year), FY_START, FY_END, AUG31 (the 31 August fixing the school year)."""
    return pl.DataFrame({"FY": list(range(first, last + 1))}).with_columns(
        pl.date(pl.col("FY"), 4, 1).alias("FY_START"),
        pl.date(pl.col("FY") + 1, 3, 31).alias("FY_END"),
        pl.date(pl.col("FY"), 8, 31).alias("AUG31"),
    )


def _years(ctx: Context) -> pl.DataFrame:
    first = ctx.periods["PERIOD_START"].min()
    if first is None:
        return financial_years(PEA_YEARS[0], PEA_YEARS[0] - 1)
    assert isinstance(first, date)
    last = ctx.as_at.year if ctx.as_at.month >= 4 else ctx.as_at.year - 1
    return financial_years(max(first.year - 1, PEA_YEARS[0]), last)


def _school_age() -> pl.Expr:
    return age_on_expr(pl.col("DOB"), pl.col("AUG31")).is_between(4, 15)


def looked_after_pupils(ctx: Context, parameters: tuple[Parameter, ...]) -> pl.DataFrame:
    in_year = (
        ctx.periods.join(ctx.dob, on="CHILD")
        .join_where(
            _years(ctx),
            pl.col("PERIOD_START") <= pl.col("FY_END"),
        )
        .filter(pl.col("PERIOD_END").is_null() | (pl.col("PERIOD_END") >= pl.col("FY_START")))
        .filter(_school_age())
        .sort("CHILD", "FY", "PERIOD_START")
        .unique(["CHILD", "FY"], keep="first", maintain_order=True)
    )
    pea = in_year.filter(pl.col("FY").is_between(*PEA_YEARS)).with_columns(
        pl.lit("pea").alias("ENTITLEMENT"),
        pl.lit("personal education allowance, if at risk of not reaching expected attainment "
               "(decided through the PEP)").alias("BASIS"),
    )
    pea = amount_on(pea, "pea", "FY_START", parameters)
    pp = in_year.filter(pl.col("FY") >= PP_FIRST_YEAR).with_columns(
        pl.lit("pupil_premium_plus").alias("ENTITLEMENT"),
        pl.format("Pupil Premium Plus {}-{}, looked after in the year", pl.col("FY"),
                  (pl.col("FY") + 1) % 100).alias("BASIS"),
    )
    pp = amount_on(pp, "pupil_premium_plus", "FY_START", parameters)
    return pl.concat([pea, pp], how="vertical_relaxed")


def previously_looked_after(ctx: Context, parameters: tuple[Parameter, ...]) -> pl.DataFrame:
    left = ctx.periods.filter(pl.col("END_REASON").is_in(PERMANENCE_REC)).join(ctx.dob, on="CHILD")
    years = (
        left.join_where(_years(ctx), pl.col("FY_START") > pl.col("PERIOD_END"))
        .filter((pl.col("FY") >= PP_FIRST_YEAR) & _school_age())
        .with_columns(
            pl.lit("pupil_premium_plus_plac").alias("ENTITLEMENT"),
            pl.format("Pupil Premium Plus {}-{}, previously looked after (left care {})",
                      pl.col("FY"), (pl.col("FY") + 1) % 100, pl.col("END_REASON")).alias("BASIS"),
        )
    )
    return amount_on(years, "pupil_premium_plus", "FY_START", parameters)


def education_allowances(
    ctx: Context, parameters: tuple[Parameter, ...] = DEFAULT_PARAMETERS
) -> pl.DataFrame:
    rows = pl.concat(
        [looked_after_pupils(ctx, parameters), previously_looked_after(ctx, parameters)],
        how="vertical_relaxed",
    )
    rows = with_evidence(rows, "Episodes", "PERIOD_START", "PERIOD_END", "END_REASON")
    return finish(rows.with_columns(pl.col("FY_START").alias("FROM"), pl.col("FY_END").alias("UNTIL")))
