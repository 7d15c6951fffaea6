"""Care-leaver status from the episodes (spec §1.5.20; CA 1989 Sch 2 para 19B, CPPCR reg 40).

An *eligible child* is 16 or 17, looked after, and has been looked after for at least 13 weeks
in total since the 14th birthday, some of it after turning 16. Short breaks (V3/V4) do not
count. Leaving care after becoming eligible makes a *relevant child* (16-17) and then a
*former relevant child* (18+). Shared by compliance (T21-T25) and entitlements.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.episodes import drop_short_breaks, periods_of_care
from carematters.data.years import age_on_expr

#: "13 weeks" of care since the 14th birthday, counted in days (nights) [C].
ELIGIBLE_DAYS = 91


def _birthday(dob: pl.Expr, age: int) -> pl.Expr:
    return dob.dt.offset_by(f"{12 * age}mo")


def eligible_children(
    episodes: pl.DataFrame, dob: pl.DataFrame, as_at: date, eligible_days: int = ELIGIBLE_DAYS
) -> pl.DataFrame:
    """CHILD, DOB, ELIGIBLE_FROM (first day the child was an eligible child), EVIDENCE_DECOM.

    Each episode is clipped to [14th birthday, 18th birthday) and to `as_at`; the days before
    it are summed, and the child becomes eligible on the first day that is on or after the 16th
    birthday, on or after the day the 13 weeks were completed, and still in care.
    """
    open_end = pl.lit(as_at) + pl.duration(days=1)
    eps = (
        drop_short_breaks(episodes.filter(pl.col("DECOM") <= as_at))
        .join(dob.select("CHILD", "DOB"), on="CHILD", how="inner")
        .with_columns(
            pl.max_horizontal("DECOM", _birthday(pl.col("DOB"), 14)).alias("_s"),
            pl.min_horizontal(
                pl.when(pl.col("DEC") > as_at).then(open_end)
                .otherwise(pl.coalesce("DEC", open_end)),
                _birthday(pl.col("DOB"), 18),
            ).alias("_e"),
        )
        .filter(pl.col("_e") > pl.col("_s"))
        .sort("CHILD", "_s")
    )
    days = (pl.col("_e") - pl.col("_s")).dt.total_days()
    before = days.cum_sum().over("CHILD") - days
    reached = pl.col("_s") + pl.duration(days=pl.max_horizontal(eligible_days - before, 0))
    candidate = pl.max_horizontal(pl.col("_s"), _birthday(pl.col("DOB"), 16), reached)
    return (
        eps.with_columns(candidate.alias("ELIGIBLE_FROM"))
        .filter(pl.col("ELIGIBLE_FROM") < pl.col("_e"))
        .sort("CHILD", "ELIGIBLE_FROM")
        .unique("CHILD", keep="first", maintain_order=True)
        .select("CHILD", "DOB", "ELIGIBLE_FROM", pl.col("DECOM").alias("EVIDENCE_DECOM"))
    )


def care_leavers(
    episodes: pl.DataFrame, dob: pl.DataFrame, as_at: date, eligible_days: int = ELIGIBLE_DAYS
) -> pl.DataFrame:
    """Eligible children with LEFT_CARE (the day their care ended after they became eligible,
    null while still looked after), END_REASON, and CATEGORY on `as_at`: eligible, relevant
    or former relevant.
    """
    eligible = eligible_children(episodes, dob, as_at, eligible_days)
    known = episodes.filter(pl.col("DECOM") <= as_at).with_columns(
        pl.when(pl.col("DEC") > as_at).then(None).otherwise(pl.col("DEC")).alias("DEC"),
        pl.when(pl.col("DEC") > as_at).then(None).otherwise(pl.col("REC")).alias("REC"),
    )
    last_period = (
        periods_of_care(drop_short_breaks(known))
        .group_by("CHILD")
        .agg(pl.all().sort_by("PERIOD_START").last())
        .select("CHILD", pl.col("PERIOD_END").alias("LEFT_CARE"), "END_REASON")
    )
    age = age_on_expr(pl.col("DOB"), as_at)
    left = pl.col("LEFT_CARE").is_not_null()
    return eligible.join(last_period, on="CHILD", how="left").with_columns(
        pl.when(~left).then(pl.lit("eligible"))
        .when(age < 18).then(pl.lit("relevant"))
        .otherwise(pl.lit("former relevant")).alias("CATEGORY")
    )
