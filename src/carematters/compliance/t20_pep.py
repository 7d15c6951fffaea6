"""T20 personal education plan (CPPCR reg 5(b)(ii) and Sch 1 para 2; Education SG 2018).

The PEP is started within 20 school days of entering care and reviewed every school term.
School days are counted as working days until a term calendar is loaded, so the first due date
is approximate [C]. Terms [C]: autumn 1 September-31 December, spring 1 January-31 March,
summer 1 April-31 July. A term needs its own PEP review when it starts after the initial PEP
was due; the review is due by the term's last day. Only children of school age take part: aged
4 (Reception) to 15 (Year 11) on the 31 August before the date [C].
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.compliance._dates import plus_working_days
from carematters.compliance.chains import finish, first_event
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale
from carematters.data.years import age_on_expr

RULE = (
    "CPPCR 2010 reg 5 and Sch 1 para 2; Education SG 2018: PEP within 20 school days "
    "(approximated as working days), then reviewed each term"
)

TERMS = ((9, 1, 12, 31, "autumn"), (1, 1, 3, 31, "spring"), (4, 1, 7, 31, "summer"))


def school_terms(first_year: int, last_year: int) -> pl.DataFrame:
    """TERM, TERM_START, TERM_END for every term starting in the calendar years given."""
    rows = [
        (f"{name} {year}", date(year, m1, d1), date(year, m2, d2))
        for year in range(first_year, last_year + 1)
        for m1, d1, m2, d2, name in TERMS
    ]
    return pl.DataFrame(rows, schema=["TERM", "TERM_START", "TERM_END"], orient="row")


def school_age(dob: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Age on the 31 August before `day`: what fixes a child's school year group."""
    year = day.dt.year() - (day.dt.month() < 9).cast(pl.Int32)
    return age_on_expr(dob, pl.date(year, 8, 31))


def _in_school(dob: pl.Expr, day: pl.Expr, ctx: Context) -> pl.Expr:
    age = school_age(dob, day)
    return age.is_between(ctx.settings.pep_min_age, ctx.settings.pep_max_age)


@timescale("T20", title="personal education plan", rule=RULE, needs=("PEPs",))
def personal_education_plans(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    peps = ctx.event_dates("PEPs")
    periods = ctx.periods.join(ctx.dob, on="CHILD", how="inner").with_columns(
        plus_working_days(pl.col("PERIOD_START"), s.pep_initial_school_days).alias("FIRST_DUE")
    )
    initial = first_event(periods, peps, pl.col("PERIOD_START"), pl.col("PERIOD_END")).filter(
        _in_school(pl.col("DOB"), pl.col("FIRST_DUE"), ctx)
    ).select(
        "CHILD",
        pl.lit("initial PEP").alias("TITLE"),
        pl.col("FIRST_DUE").alias("DUE"),
        "DONE",
        pl.col("PERIOD_END").is_null().alias("ACTIVE"),
        pl.col("PERIOD_START").alias("FROM"),
    )
    if periods.is_empty():
        return finish(initial.with_columns(pl.lit("T20").alias("ITEM")), ctx, rule=RULE)
    first_year = periods["PERIOD_START"].min().year  # type: ignore[union-attr]
    terms = school_terms(first_year, ctx.as_at.year)
    termly = (
        periods.join_where(
            terms,
            pl.col("TERM_START") > pl.col("FIRST_DUE"),
            pl.col("TERM_START") <= ctx.as_at,
        )
        .filter(pl.col("PERIOD_END").is_null() | (pl.col("TERM_END") <= pl.col("PERIOD_END")))
        .filter(_in_school(pl.col("DOB"), pl.col("TERM_START"), ctx))
    )
    reviewed = first_event(termly, peps, pl.col("TERM_START"), pl.col("TERM_END")).select(
        "CHILD",
        pl.format("PEP review, {} term", pl.col("TERM")).alias("TITLE"),
        pl.col("TERM_END").alias("DUE"),
        "DONE",
        pl.col("PERIOD_END").is_null().alias("ACTIVE"),
        pl.col("TERM_START").alias("FROM"),
    )
    items = pl.concat([initial, reviewed]).with_columns(pl.lit("T20").alias("ITEM"))
    return finish(items, ctx, rule=RULE)
