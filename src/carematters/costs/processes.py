"""The seven per-occurrence CCfCS processes and the 903 events that trigger them (spec §5.1 [C])."""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.costs import table as t
from carematters.costs.table import CostTable
from carematters.data.episodes import carer_spells, drop_short_breaks, with_periods
from carematters.data.years import age_on_expr

#: Legal statuses whose start marks care or placement proceedings (process 7).
PROCEEDING_LS = ("C1", "C2", "E1")


def _events(frame: pl.DataFrame, process: str, day: str) -> pl.DataFrame:
    return frame.select(
        "CHILD", pl.lit(process).alias("PROCESS"), pl.col(day).alias("DATE")
    )


def _period_events(eps: pl.DataFrame) -> list[pl.DataFrame]:
    by_period = ["CHILD", "PERIOD"]
    first = eps.filter(pl.int_range(pl.len()).over(by_period) == 0)
    last = eps.filter(pl.int_range(pl.len()).over(by_period) == pl.len().over(by_period) - 1)
    ceased = last.filter(pl.col("REC").is_not_null() & (pl.col("REC") != "X1"))
    legal_change = pl.col("LS").is_in(PROCEEDING_LS).fill_null(False) & ~pl.col("LS").eq_missing(
        pl.col("LS").shift(1).over(by_period)
    )
    return [
        # 1: deciding the child needs care and finding the first placement, once per period.
        _events(first, t.FIRST_PLACEMENT, "DECOM"),
        # 2: the first care plan is made when the period starts; revisions come at reviews.
        _events(first, t.CARE_PLANNING, "DECOM"),
        # 4: ceasing to be looked after, once per period that has ended.
        _events(ceased, t.CEASING, "DEC"),
        # 7: a care or placement order application, seen as the legal status changing into one.
        _events(eps.filter(legal_change), t.LEGAL, "DECOM"),
    ]


def _leaving_care(eps: pl.DataFrame, header: pl.DataFrame) -> pl.DataFrame:
    """Process 8, once per child: the 16th birthday spent in care, or ceasing care aged 16+."""
    dob = header.select("CHILD", "DOB").unique("CHILD")
    eps = eps.join(dob, on="CHILD", how="inner")
    sixteenth = pl.col("DOB").dt.offset_by("16y")
    in_care_at_16 = (pl.col("DECOM") <= sixteenth) & (
        pl.col("DEC").is_null() | (pl.col("DEC") > sixteenth)
    )
    left_at_16_plus = (
        pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
        & (age_on_expr(pl.col("DOB"), pl.col("DEC")) >= 16)
    )
    triggers = eps.select(
        "CHILD",
        pl.when(in_care_at_16).then(sixteenth)
        .when(left_at_16_plus).then(pl.col("DEC"))
        .alias("DATE"),
    ).drop_nulls("DATE")
    return (
        triggers.group_by("CHILD").agg(pl.col("DATE").min())
        .select("CHILD", pl.lit(t.LEAVING_CARE_TRANSITION).alias("PROCESS"), "DATE")
    )


def process_events(
    episodes: pl.DataFrame, header: pl.DataFrame, reviews: pl.DataFrame
) -> pl.DataFrame:
    """Every process occurrence in the data: CHILD, PROCESS, DATE (sorted)."""
    eps = with_periods(drop_short_breaks(episodes))
    spells = carer_spells(drop_short_breaks(episodes))
    later_spells = spells.filter(pl.int_range(pl.len()).over("CHILD", "PERIOD") > 0)
    frames = [
        *_period_events(eps),
        # 5: each change of carer after the first within a period of care.
        _events(later_spells, t.SUBSEQUENT_PLACEMENT, "SPELL_START"),
        # 6 and 2: each review is a review and a care-plan revision.
        _events(reviews, t.REVIEW, "REVIEW"),
        _events(reviews, t.CARE_PLANNING, "REVIEW"),
        _leaving_care(eps, header),
    ]
    return pl.concat(frames).sort("CHILD", "DATE", "PROCESS")


def process_costs(
    events: pl.DataFrame, costs: CostTable, start: date, end: date
) -> pl.DataFrame:
    """Events dated in [start, end] with PROCESS_COST at the unit cost in force that day."""
    rates = costs.periods("process")
    return (
        events.filter(pl.col("DATE").is_between(start, end))
        .join(rates, left_on="PROCESS", right_on="item", how="left")
        .filter(
            pl.col("FROM").is_null() | ((pl.col("FROM") <= pl.col("DATE")) & (pl.col("TO") > pl.col("DATE")))
        )
        .select("CHILD", "PROCESS", "DATE", pl.col("COST").fill_null(0.0).alias("PROCESS_COST"))
    )
