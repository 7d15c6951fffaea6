"""The authority's survey answers as the engine's frame, and the results page's figures.

Everything leaving here has been through `carematters.voice.publish` (or the same suppression
for response counts): the results page is the same for every role that may open it, so no
combination of pages shows a count from 1 to 5.
"""

from __future__ import annotations

import base64
import math

import polars as pl
from django.db.models import Count

from carematters.reports.grip_render import bar_chart
from carematters.stocktake.suppression import SUPPRESSED, suppress_counts
from carematters.voice import (
    ALL_BANDS,
    ANSWER_SCHEMA,
    AREAS,
    BANDS,
    DOMAINS,
    by_area,
    by_domain,
    publish,
    responses_by_year,
)
from carematters.web.voice.models import SurveyAnswer, SurveyResponse

COLUMNS = [*BANDS, ALL_BANDS]
COLUMN_LABELS = [*BANDS.values(), "All ages"]


def answers_frame(authority) -> pl.DataFrame:
    """Every answer given to the authority's surveys. RESPONSE is the answer set's row number:
    it groups one survey's answers; nothing stored leads from it to a child. ANSWERED_ON is the
    month's first day (all that is kept)."""
    rows = SurveyAnswer.objects.filter(response__authority=authority).values_list(
        "response_id", "response__answered_month", "response__band", "question", "answer")
    return pl.DataFrame([(str(r), on, b, q, a) for r, on, b, q, a in rows.iterator()],
                        schema=ANSWER_SCHEMA, orient="row")


def _grid(published: pl.DataFrame, key: str, labels: dict[str, str], year: int) -> list[dict]:
    """One row per area (or domain): the percentage positive and children counted, per band."""
    rows = []
    this_year = published.filter(pl.col("YEAR") == year)
    for name, label in labels.items():
        cells = {r["BAND"]: r for r in this_year.filter(pl.col(key) == name).iter_rows(named=True)}
        rows.append({"label": label, "cells": [
            {"percent": cells[b]["PERCENT"], "children": cells[b]["RESPONDENTS"]}
            if b in cells else None for b in COLUMNS]})
    return rows


def _trend(published: pl.DataFrame, key: str, labels: dict[str, str],
           years: list[int]) -> list[dict]:
    overall = published.filter(pl.col("BAND") == ALL_BANDS)
    rows = []
    for name, label in labels.items():
        by_year = {r["YEAR"]: r["PERCENT"] for r in
                   overall.filter(pl.col(key) == name).iter_rows(named=True)}
        rows.append({"label": label, "cells": [by_year.get(y, "") for y in years]})
    return rows


def _responses(answers: pl.DataFrame, year: int) -> list[dict]:
    counts = responses_by_year(answers).filter(pl.col("YEAR") == year)
    found = dict(zip(counts["BAND"], counts["RESPONSES"], strict=True))
    bands = [found.get(b, 0) for b in BANDS]
    hidden = suppress_counts(bands)
    total = found.get(ALL_BANDS, 0)
    shown = [SUPPRESSED if h else str(v) for v, h in zip(bands, hidden, strict=True)]
    shown.append(SUPPRESSED if suppress_counts([total], has_total=False)[0] else str(total))
    return [{"label": label, "value": value} for label, value in zip(COLUMN_LABELS, shown,
                                                                      strict=True)]


def _about(authority, year: int) -> list[dict]:
    """Who answered, by what they chose to say about themselves: counts of surveys in `year`
    per gender and per placement group, "not said" included so each line adds up to the
    surveys answered, and suppressed along the line like the bands."""
    found = SurveyResponse.objects.filter(authority=authority, collection_year=year)
    tables = []
    for field, caption in (("gender", "Gender"), ("placement", "Where they live")):
        choices = dict(SurveyResponse._meta.get_field(field).choices)
        counts = dict(found.values_list(field).annotate(n=Count("pk")).order_by())
        values = [counts.get(key, 0) for key in choices]
        values.append(counts.get("", 0))
        labels = [*choices.values(), "Left out"]
        hidden = suppress_counts(values)
        tables.append({"caption": caption, "rows": [
            {"label": label, "value": SUPPRESSED if h else str(v)}
            for label, v, h in zip(labels, values, hidden, strict=True)]})
    return tables


def _chart(published: pl.DataFrame, year: int) -> str:
    overall = published.filter((pl.col("YEAR") == year) & (pl.col("BAND") == ALL_BANDS))
    values = dict(zip(overall["AREA"], overall["PERCENT_VALUE"], strict=True))
    svg = bar_chart(list(AREAS.values()), [values.get(a) for a in AREAS],
                    title="Children who answered positively, all ages (%)", unit="%",
                    horizontal=True)
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode("ascii")


def results(authority, year: int | None) -> dict | None:
    """The results page's context for `year` (the latest with answers when None)."""
    answers = answers_frame(authority)
    if answers.is_empty():
        return None
    areas = publish(by_area(answers), "AREA")
    domains = publish(by_domain(answers), "DOMAIN")
    years = sorted(set(areas["YEAR"]) | set(responses_by_year(answers)["YEAR"]))
    if year not in years:
        year = years[-1]
    return {
        "year": year, "years": years, "columns": COLUMN_LABELS,
        "responses": _responses(answers, year),
        "areas": _grid(areas, "AREA", AREAS, year),
        "domains": _grid(domains, "DOMAIN", DOMAINS, year),
        "area_trend": _trend(areas, "AREA", AREAS, years),
        "domain_trend": _trend(domains, "DOMAIN", DOMAINS, years),
        "chart": _chart(areas, year),
        "about": _about(authority, year),
    }


def _in_ten(percent: float) -> str:
    """A share in words a young child can read: "about 7 in 10"."""
    tenths = math.floor(percent / 10 + 0.5)  # half up: 65% is about 7 in 10
    if tenths == 10 and percent < 100:
        return "almost all"
    if tenths == 0 and percent > 0:
        return "fewer than 1 in 10"
    return {0: "none", 10: "all"}.get(tenths, f"about {tenths} in 10")


def for_children(authority, year: int | None) -> dict | None:
    """What children told us, by band, in words, for giving back to children (web.md §2.3).
    The same suppressed figures as the results page: a hidden figure says so and nothing more."""
    answers = answers_frame(authority)
    if answers.is_empty():
        return None
    areas = publish(by_area(answers), "AREA")
    years = sorted(set(areas["YEAR"]))
    if not years:
        return None
    if year not in years:
        year = years[-1]
    this_year = areas.filter(pl.col("YEAR") == year)
    bands = []
    for band, label in BANDS.items():
        rows = {r["AREA"]: r for r in this_year.filter(pl.col("BAND") == band).iter_rows(
            named=True)}
        lines = []
        for area, area_label in AREAS.items():
            row = rows.get(area)
            if row is None or row["PERCENT"] == "":
                continue
            shown = (None if row["PERCENT_VALUE"] is None else _in_ten(row["PERCENT_VALUE"]))
            lines.append({"area": area_label, "share": shown})
        if lines:
            bands.append({"label": label, "lines": lines})
    return {"year": year, "years": years, "bands": bands}
