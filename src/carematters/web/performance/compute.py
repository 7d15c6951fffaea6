"""The performance pages' figures, computed from the record and cached.

Every indicator of the performance framework (`carematters.indicators`) for the last
`TREND_YEARS` complete collection years, and the annual report for the corporate parenting board
(`carematters.reports.grip.annual_report`). The record is exported through the app's one exporter
(`children/exporter.py`) for every year since the authority's first episode: the measures that
look back (NI 63, A1, the two-year NI 62) need the years before the ones shown. Indicators are
defined for whole years, so the year in progress is not shown.

Caching: one Django cache entry per authority, day and state of the record (the newest audited
write, as the planning pages and the return check key theirs), so an edit or an import today
gives fresh figures on the next page and otherwise a day's pages share one computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.core.cache import cache
from django.db.models import Min

from carematters.data.caredata import CareData, combine_years
from carematters.data.years import collection_year_of
from carematters.indicators import results_frame
from carematters.indicators.params import Parameters
from carematters.indicators.results import IndicatorResult
from carematters.indicators.trends import run_years
from carematters.reports.grip import annual_report, last_complete_year
from carematters.reports.grip_render import Report, render_html, render_pdf
from carematters.web.children import models as m
from carematters.web.children.exporter import export_years
from carematters.web.children.returncheck import record_state
from carematters.web.voice.results import answers_frame

#: Years shown side by side: the Care Matters progress reports look back five years.
TREND_YEARS = 5
CACHE_SECONDS = 24 * 60 * 60


def today() -> date:
    """The day the pages are computed for (a function so tests can fix the date)."""
    return date.today()


def record_years(authority, as_at: date) -> range:
    """Every complete collection year from the one of the authority's first episode."""
    first = m.Episode.objects.filter(child__authority=authority).aggregate(
        first=Min("decom"))["first"]
    last = last_complete_year(as_at)
    return range(collection_year_of(first) if first else last + 1, last + 1)


def shown_years(years: range) -> tuple[int, ...]:
    return tuple(years[-TREND_YEARS:])


@dataclass(frozen=True)
class Performance:
    """Every indicator for the years shown, as the record stood on `as_at`."""

    as_at: date
    years: tuple[int, ...]      # oldest first; the last is the latest complete year
    results: pl.DataFrame       # carematters.indicators.results_frame, one row per id and year
    key: str                    # its cache entry, which figures drawn from it extend

    @property
    def latest(self) -> int:
        return self.years[-1]


def _by_year(authority, years: range) -> dict[int, CareData]:
    return export_years(authority, years)


def _key(kind: str, authority, as_at: date, *extra: object) -> str:
    return ":".join(map(str, (kind, authority.pk, as_at, record_state(authority),
                              authority.child_population, *extra)))


#: The drill-down kept per indicator and year: who is in the denominator, and in the numerator.
DRILL_COLUMNS = ("indicator", "year", "CHILD", "in_numerator", "value")


def _drilldown(results: list[IndicatorResult]) -> pl.DataFrame:
    frames = [
        r.children.filter("in_denominator").select(
            pl.lit(r.indicator.id).alias("indicator"), pl.lit(r.year, pl.Int32()).alias("year"),
            "CHILD", "in_numerator", "value")
        for r in results if r.available
    ]
    return pl.concat(frames) if frames else pl.DataFrame(
        schema={"indicator": pl.String(), "year": pl.Int32(), "CHILD": pl.String(),
                "in_numerator": pl.Boolean(), "value": pl.Float64()})


def _compute(authority, as_at: date, key: str) -> Performance | None:
    years = record_years(authority, as_at)
    if not years:
        return None
    shown = shown_years(years)
    combined = combine_years(list(_by_year(authority, years).values()))
    # One population for every year shown [C]: the ONS estimate moves by a percent or two a
    # year, and the page says which figure it used.
    params = Parameters(population=authority.child_population)
    results = run_years(combined, shown, params=params)
    found = Performance(as_at, shown, results_frame(results), key)
    cache.set(key, found, CACHE_SECONDS)
    # Its own entry: only the drill-down page reads it, so the main page never unpickles it.
    cache.set(f"{key}:drilldown", _drilldown(results), CACHE_SECONDS)
    return found


def performance(authority) -> Performance | None:
    """Today's indicators for the authority (None: no complete year in the record yet)."""
    as_at = today()
    key = _key("performance", authority, as_at)
    found = cache.get(key)
    return found if found is not None else _compute(authority, as_at, key)


def behind(authority, indicator: str, year: int) -> pl.DataFrame | None:
    """The children behind one figure shown (CHILD, in_numerator, value), or None when the
    indicator or year is not one the page shows."""
    found = performance(authority)
    if found is None or year not in found.years or indicator not in set(found.results["indicator"]):
        return None
    drill = cache.get(f"{found.key}:drilldown")
    if drill is None:  # evicted before the figures: compute both again
        _compute(authority, found.as_at, found.key)
        drill = cache.get(f"{found.key}:drilldown")
    return drill.filter((pl.col("indicator") == indicator) & (pl.col("year") == year)).drop(
        "indicator", "year")


def annual(authority, year: int) -> Report | None:
    """The annual report for `year` (one of the years shown), with the children's own survey
    answers from the voice pages; None when `year` is not one the pages show."""
    as_at = today()
    years = record_years(authority, as_at)
    if year not in shown_years(years):
        return None
    key = _key("annual-report", authority, as_at, year)
    found = cache.get(key)
    if found is None:
        wanted = range(years.start, year + 1)
        found = annual_report(_by_year(authority, wanted), year,
                              trend_years=TREND_YEARS, survey_answers=answers_frame(authority))
        cache.set(key, found, CACHE_SECONDS)
    return found


def annual_document(authority, year: int, fmt: str) -> bytes | str | None:
    """The annual report rendered as "pdf" (bytes) or "html" (text), cached like the report:
    laying out the PDF takes seconds."""
    report = annual(authority, year)
    if report is None:
        return None
    key = _key("annual-document", authority, today(), year, fmt)
    found = cache.get(key)
    if found is None:
        found = render_pdf(report) if fmt == "pdf" else render_html(report)
        cache.set(key, found, CACHE_SECONDS)
    return found
