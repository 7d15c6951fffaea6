"""Child Trust Fund top-ups and the Junior ISA contribution (spec §4.1).

CTF: children born 1 September 2002 to 2 January 2011 who were looked after before 3 April
2011 had a CTF; the authority paid £100 into it for every year the child spent in care. We take
each anniversary of continuous care (a period of care) that fell in the scheme years 2007-08 to
2010-11 [U] while the child was under 18.
Junior ISA: a child without a CTF who has been looked after continuously for 12 months on or
after 3 January 2011 gets a one-off £200 (first payable 3 January 2012), before turning 18.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.compliance.context import Context
from carematters.entitlements._base import birthday, day_before, finish, with_evidence
from carematters.entitlements.parameters import DEFAULT_PARAMETERS, Parameter, amount_on

CTF_BORN_FROM, CTF_BORN_TO = date(2002, 9, 1), date(2011, 1, 2)
CTF_LOOKED_AFTER_BEFORE = date(2011, 4, 3)
TOPUP_FROM, TOPUP_TO = date(2007, 4, 1), date(2011, 3, 31)
JISA_CARE_FROM = date(2011, 1, 3)


def ctf_children(ctx: Context) -> pl.DataFrame:
    """Children with a Child Trust Fund: born in the window and looked after before 3 April 2011,
    with the first episode that shows it."""
    return (
        ctx.all_episodes.filter(pl.col("DECOM") < CTF_LOOKED_AFTER_BEFORE)
        .join(ctx.dob, on="CHILD", how="inner")
        .filter(pl.col("DOB").is_between(CTF_BORN_FROM, CTF_BORN_TO))
        .sort("CHILD", "DECOM")
        .unique("CHILD", keep="first", maintain_order=True)
    )


def ctf_topups(ctx: Context, parameters: tuple[Parameter, ...] = DEFAULT_PARAMETERS) -> pl.DataFrame:
    eligible = ctf_children(ctx).select("CHILD")
    periods = ctx.periods.join(eligible, on="CHILD", how="semi").join(ctx.dob, on="CHILD")
    ends = pl.min_horizontal(
        pl.coalesce("PERIOD_END", pl.lit(ctx.as_at)), day_before(birthday(pl.col("DOB"), 18))
    )
    years = (ends.dt.year() - pl.col("PERIOD_START").dt.year() + 1).clip(lower_bound=0)
    anniversaries = (
        periods.with_columns(pl.int_ranges(1, years + 1).alias("_k"), ends.alias("_end"))
        .explode("_k")
        .drop_nulls("_k")
        .with_columns(pl.col("PERIOD_START").dt.offset_by(pl.format("{}y", "_k")).alias("FROM"))
        .filter(
            (pl.col("FROM") <= pl.col("_end"))
            & pl.col("FROM").is_between(TOPUP_FROM, TOPUP_TO)
        )
    )
    out = with_evidence(
        amount_on(anniversaries, "ctf_la_topup", "FROM", parameters),
        "Episodes", "PERIOD_START", "PERIOD_END",
    )
    return finish(out.with_columns(
        pl.lit("ctf_topup").alias("ENTITLEMENT"),
        pl.col("FROM").alias("UNTIL"),
        pl.format("CTF top-up for year {} of continuous care", pl.col("_k")).alias("BASIS"),
    ))


def jisa(ctx: Context, parameters: tuple[Parameter, ...] = DEFAULT_PARAMETERS) -> pl.DataFrame:
    with_ctf = ctf_children(ctx).select("CHILD")
    counted_from = pl.max_horizontal("PERIOD_START", pl.lit(JISA_CARE_FROM))
    candidates = (
        ctx.periods.join(with_ctf, on="CHILD", how="anti")
        .join(ctx.dob, on="CHILD")
        .with_columns(counted_from.dt.offset_by("12mo").alias("FROM"))
        .filter(
            (pl.col("FROM") <= pl.coalesce("PERIOD_END", pl.lit(ctx.as_at)))
            & (pl.col("FROM") < birthday(pl.col("DOB"), 18))
        )
        .sort("CHILD", "FROM")
        .unique("CHILD", keep="first", maintain_order=True)
    )
    out = with_evidence(
        amount_on(candidates, "jisa_contribution", "FROM", parameters),
        "Episodes", "PERIOD_START", "PERIOD_END",
    )
    return finish(out.with_columns(
        pl.lit("jisa").alias("ENTITLEMENT"),
        day_before(birthday(pl.col("DOB"), 18)).alias("UNTIL"),
        pl.lit("Junior ISA: looked after 12 months without a Child Trust Fund").alias("BASIS"),
    ))
