"""What the performance page shows of a `Performance`: a row per indicator with its value in each
year shown, and trend charts of the key measures.

For elected members every count from 1 to 5, and every figure it could be worked out from, is
shown as [c] (`carematters.reports.indicators`, the same rule as the downloadable reports), and
the charts draw only the values the table shows.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import polars as pl
from django.core.cache import cache

from carematters.data.years import year_label
from carematters.indicators import all_indicators
from carematters.indicators.benchmarks import ENGLAND
from carematters.indicators.registry import AVERAGE_UNITS, THEMES
from carematters.reports.charts import trend_chart
from carematters.reports.indicators import (
    KEY_INDICATORS,
    THEME_TITLES,
    format_value,
    indicator_table,
    published,
)
from carematters.web.performance.compute import CACHE_SECONDS, Performance

BETTER = {"higher": "Higher", "lower": "Lower"}


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    definition: str
    counted: str         # who the latest year's figure counts: "12 of 40", "11 children"
    values: list[str]    # one per year shown, oldest first
    england: str         # England's latest published figure up to the latest year, and its year
    better: str          # "Higher", "Lower" or "" (counts describe, they are not better or worse)
    note: str
    years: tuple[int, ...] = ()

    @property
    def cells(self) -> list[tuple[str, int]]:
        """Each year's value with its year, for links to the children behind it."""
        return list(zip(self.values, self.years, strict=True))


@dataclass(frozen=True)
class Theme:
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class Missing:
    """An indicator the record gives no figure for in any year shown, and why."""

    id: str
    title: str
    reason: str


def _england(ind, latest: int) -> str:
    published = ENGLAND.filter((pl.col("indicator") == ind.id) & (pl.col("year") <= latest))
    if published.is_empty():
        return ""
    row = published.sort("year").row(-1, named=True)
    return f"{format_value(row['england'], ind.unit)} ({year_label(row['year'])})"


def _counted(ind, cell: dict) -> str:
    numerator, denominator = cell.get("numerator", ""), cell.get("denominator", "")
    if not denominator or ind.unit == "count":  # a count is its own figure
        return ""
    if ind.unit in AVERAGE_UNITS:  # the numerator is a sum of days or scores, not children
        return f"{denominator} children"
    return f"{numerator} of {denominator}"


def themes(found: Performance, *, suppress: bool) -> tuple[list[Theme], list[Missing]]:
    """Every indicator with a figure, grouped by theme in the framework's order; and those
    without one in any year shown, with the reason the engine gave."""
    table = indicator_table(found.results, suppress=suppress)
    registry = all_indicators()
    grouped: dict[str, list[Row]] = {}
    missing: list[Missing] = []
    for indicator, cells in table.group_by("indicator", maintain_order=True):
        ind = registry[indicator[0]]
        by_year = {r["year"]: r for r in cells.iter_rows(named=True)}
        latest = by_year.get(found.latest, {})
        values = [by_year.get(y, {}).get("value", "") for y in found.years]
        if not any(values):
            reasons = [by_year[y]["note"] for y in reversed(found.years)
                       if by_year.get(y, {}).get("note")]
            missing.append(Missing(ind.id, ind.title, reasons[0] if reasons else
                                   "no child in the record is counted by it (it reads "
                                   f"{', '.join(ind.tables)})"))
            continue
        grouped.setdefault(ind.theme, []).append(Row(
            id=ind.id, title=ind.title, definition=ind.definition,
            counted=_counted(ind, latest), values=values,
            england=_england(ind, found.latest), better=BETTER.get(ind.direction, ""),
            note=latest.get("note", ""), years=found.years,
        ))
    order = sorted(grouped, key=lambda t: THEMES.index(t) if t in THEMES else len(THEMES))
    return [Theme(THEME_TITLES.get(t, t), grouped[t]) for t in order], missing


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    src: str             # a data: URI (the CSP allows images from data:, nothing else inline)
    alt: str


def _alt(title: str, unit: str, series: pl.DataFrame) -> str:
    points = ", ".join(f"{year_label(y)}: {format_value(v, unit)}" for y, v in series.iter_rows())
    return f"Line chart of {title} by year: {points}."


def _draw(found: Performance, suppress: bool) -> list[Chart]:
    shown = published(found.results) if suppress else found.results
    registry = all_indicators()
    drawn = []
    for indicator_id in KEY_INDICATORS:
        ind = registry[indicator_id]
        series = (shown.filter(pl.col("indicator") == indicator_id)
                  .select("year", "value").drop_nulls("value").sort("year"))
        if series.height < 2:
            continue  # a point is not a trend
        england = (ENGLAND.filter((pl.col("indicator") == indicator_id)
                                  & pl.col("year").is_between(series["year"].min(),
                                                              series["year"].max()))
                   .select("year", pl.col("england").alias("value")))
        # The title goes above the picture as text; in the picture, a long one shrinks the chart.
        svg = trend_chart(series, ind.id, ind.unit, england=england)
        drawn.append(Chart(ind.id, ind.title,
                           "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                           _alt(ind.title, ind.unit, series)))
    return drawn


def charts(found: Performance, *, suppress: bool) -> list[Chart]:
    """Trend charts of the key indicators, drawn once a day per audience."""
    key = f"{found.key}:charts:{suppress}"
    drawn = cache.get(key)
    if drawn is None:
        drawn = _draw(found, suppress)
        cache.set(key, drawn, CACHE_SECONDS)
    return drawn
