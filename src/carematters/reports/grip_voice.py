"""The annual report's "What do children tell us?" section, from the children's own survey.

Councillors see the share of children who answered positively about each of the six areas
children asked to be checked every year, and about each well-being domain, all ages together,
over the years. Everything passes through `carematters.voice.publish` first, so counts of 1 to 5
children, and anything they could be worked out from, are shown as suppressed.
"""

from __future__ import annotations

import polars as pl

from carematters.data.years import year_label
from carematters.reports.grip_render import Section, TableBlock, bar_chart
from carematters.stocktake.suppression import SUPPRESSED, suppress_counts
from carematters.voice import (
    ALL_BANDS,
    AREAS,
    BANDS,
    DOMAINS,
    by_area,
    by_domain,
    publish,
    responses_by_year,
)


def _trend_rows(published: pl.DataFrame, key: str, labels: dict[str, str],
                years: list[int]) -> list[list[str]]:
    overall = published.filter(pl.col("BAND") == ALL_BANDS)
    rows = []
    for name, label in labels.items():
        found = {r["YEAR"]: f"{r['PERCENT']} of {r['RESPONDENTS']}" if r["PERCENT"] != SUPPRESSED
                 else SUPPRESSED
                 for r in overall.filter(pl.col(key) == name).iter_rows(named=True)}
        if found:
            rows.append([label] + [found.get(y, "") for y in years])
    return rows


def _band_rows(published: pl.DataFrame, year: int) -> list[list[str]]:
    this_year = published.filter(pl.col("YEAR") == year)
    rows = []
    for name, label in AREAS.items():
        cells = {r["BAND"]: r["PERCENT"] for r in
                 this_year.filter(pl.col("AREA") == name).iter_rows(named=True)}
        if cells:
            rows.append([label] + [cells.get(b, "") for b in [*BANDS, ALL_BANDS]])
    return rows


def _surveys_line(answers: pl.DataFrame, year: int) -> str:
    counts = responses_by_year(answers).filter(
        (pl.col("YEAR") == year) & (pl.col("BAND") == ALL_BANDS))
    total = counts["RESPONSES"].sum() if counts.height else 0
    shown = SUPPRESSED if suppress_counts([total], has_total=False)[0] else f"{total:,}"
    return (f"Children and young people in care answered {shown} surveys in {year_label(year)}. "
            "A child counts as positive about an area when at least half of their answers in "
            "it were good ones.")


def voice_section(answers: pl.DataFrame, year: int, *, trend_years: int = 5) -> Section | None:
    """The section for `year`, or None when no child answered the survey that year."""
    areas = publish(by_area(answers), "AREA")
    if areas.filter(pl.col("YEAR") == year).is_empty():
        return None
    domains = publish(by_domain(answers), "DOMAIN")
    years = [y for y in sorted(set(areas["YEAR"])) if year - trend_years < y <= year]
    overall = areas.filter((pl.col("YEAR") == year) & (pl.col("BAND") == ALL_BANDS))
    values = dict(zip(overall["AREA"], overall["PERCENT_VALUE"], strict=True))
    chart = bar_chart(list(AREAS.values()), [values.get(a) for a in AREAS],
                      title=f"Children positive about each area, {year_label(year)} (%)", unit="%",
                      horizontal=True)
    headers = [year_label(y) for y in years]
    return Section(
        "What do children tell us?",
        lines=[_surveys_line(answers, year)],
        charts=[chart],
        tables=[
            TableBlock("By area, all ages", ["Area", *headers],
                       _trend_rows(areas, "AREA", AREAS, years),
                       numeric=[False] + [True] * len(years)),
            TableBlock(f"By area and age, {year_label(year)}",
                       ["Area", *BANDS.values(), "All ages"], _band_rows(areas, year),
                       numeric=[False] + [True] * (len(BANDS) + 1)),
            TableBlock("By well-being domain, all ages", ["Domain", *headers],
                       _trend_rows(domains, "DOMAIN", DOMAINS, years),
                       numeric=[False] + [True] * len(years)),
        ],
    )
