"""The figures in the annual corporate-parenting report, each for one collection year.

Each function takes the CareData holding that year (its own return, or a combined store that
covers it) and returns a `Figure`: a count, or a numerator over a denominator. Definitions
follow spec §1.1 and §2 where they are simple enough to state in a line; each says which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from carematters.compliance import ComplianceSettings, evaluate
from carematters.data.caredata import CareData
from carematters.data.codes import EET_ACTIV
from carematters.data.episodes import (
    ceased_in_year,
    continuously_looked_after,
    drop_short_breaks,
    looked_after_at_year_end,
    looked_after_on,
    started_in_year,
)
from carematters.data.years import age_on_expr, year_end, year_start
from carematters.indicators import compute_one


@dataclass(frozen=True)
class Figure:
    """A count (denominator None) or a rate (numerator of denominator)."""

    numerator: int
    denominator: int | None = None

    @property
    def rate(self) -> float | None:
        if self.denominator is None or self.denominator == 0:
            return None
        return 100 * self.numerator / self.denominator


FigureFunction = Callable[[CareData, int], Figure | None]


def looked_after_count(data: CareData, year: int) -> Figure:
    return Figure(looked_after_at_year_end(drop_short_breaks(data["Episodes"]), year).height)


def started_count(data: CareData, year: int) -> Figure:
    return Figure(started_in_year(drop_short_breaks(data["Episodes"]), year).height)


def ceased_count(data: CareData, year: int) -> Figure:
    return Figure(ceased_in_year(drop_short_breaks(data["Episodes"]), year).height)


def indicator_figure(indicator_id: str) -> FigureFunction:
    """An indicator from `carematters.indicators` as a Figure, so that the annual report and the
    indicator reports share one definition (NI 62 is spec §2.3, computed in one place only)."""

    def figure(data: CareData, year: int) -> Figure | None:
        result = compute_one(indicator_id, data, year)
        if not result.available or result.numerator is None:
            return None  # the report shows "not recorded" for that year
        denominator = None if result.denominator is None else int(result.denominator)
        return Figure(int(result.numerator), denominator)

    figure.indicator = indicator_id  # type: ignore[attr-defined]
    return figure


def _oc2_cohort(data: CareData, year: int) -> pl.DataFrame:
    cohort = continuously_looked_after(data["Episodes"], year).select("CHILD")
    return data["OC2"].join(cohort, on="CHILD", how="semi")


def oc2_flag(column: str) -> FigureFunction:
    """Spec §2.8: of the OC2 cohort (looked after 12 months at 31 March), those with flag = 1."""

    def figure(data: CareData, year: int) -> Figure:
        oc2 = _oc2_cohort(data, year)
        return Figure(oc2.filter(pl.col(column) == 1).height, oc2.height)

    return figure


def sdq_completed(data: CareData, year: int) -> Figure:
    """Spec §2.8: of the OC2 cohort aged 4-16 at 31 March, those with an SDQ score."""
    oc2 = _oc2_cohort(data, year).filter(
        age_on_expr(pl.col("DOB"), year_end(year)).is_between(4, 16)
    )
    return Figure(oc2.filter(pl.col("SDQ_SCORE").is_not_null()).height, oc2.height)


def review_participation(data: CareData, year: int) -> Figure:
    """Reviews in the year where the child took part (PN1-PN6) of those aged 4+ (PN1-PN7)."""
    reviews = data["Reviews"].filter(
        pl.col("REVIEW").is_between(year_start(year), year_end(year))
        & (pl.col("REVIEW_CODE") != "PN0")
    )
    return Figure(reviews.filter(pl.col("REVIEW_CODE") != "PN7").height, reviews.height)


def _oc3_19_to_21(data: CareData, year: int) -> pl.DataFrame:
    """Spec §2.7: OC3 rows for ages 19-21 in the year, less those who died or went home (RHOM)."""
    age = age_on_expr(pl.col("DOB"), year_end(year))
    return data["OC3"].filter(age.is_between(19, 21) & ~pl.col("IN_TOUCH").is_in(["DIED", "RHOM"]))


def leavers_in_touch(data: CareData, year: int) -> Figure:
    oc3 = _oc3_19_to_21(data, year)
    return Figure(oc3.filter(pl.col("IN_TOUCH") == "YES").height, oc3.height)


def leavers_eet(data: CareData, year: int) -> Figure:
    oc3 = _oc3_19_to_21(data, year)
    return Figure(oc3.filter(pl.col("ACTIV").is_in(EET_ACTIV)).height, oc3.height)


def leavers_suitable_accommodation(data: CareData, year: int) -> Figure:
    oc3 = _oc3_19_to_21(data, year)
    return Figure(oc3.filter(pl.col("ACCOM").str.ends_with("1")).height, oc3.height)


def children_missing(data: CareData, year: int) -> Figure:
    """Children with at least one missing or away episode starting in the year (a count)."""
    missing = data["Missing"].filter(
        pl.col("MIS_START").is_between(year_start(year), year_end(year))
    )
    return Figure(missing["CHILD"].n_unique())


def compliance_rate(*items: str) -> FigureFunction:
    """On-time rate of the items that fell due in the year (as known at 31 March). It reads
    reviews and visits from earlier years too, so it is marked as needing the history."""

    def figure(data: CareData, year: int) -> Figure:
        found = evaluate(data, year_end(year), ComplianceSettings(), items=items).filter(
            pl.col("DUE").is_between(year_start(year), year_end(year))
            & pl.col("STATUS").is_in(["done_on_time", "done_late", "overdue"])
        )
        return Figure(found.filter(pl.col("STATUS") == "done_on_time").height, found.height)

    figure.needs_history = True  # type: ignore[attr-defined]
    return figure


def looked_after_today(data: CareData, day: date) -> int:
    return looked_after_on(drop_short_breaks(data["Episodes"]), day).height
