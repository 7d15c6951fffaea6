"""Indicator results as tables, a spreadsheet, an HTML performance report and a PDF.

Everything here renders a results frame (`carematters.indicators.results_frame`, optionally with
targets and benchmark columns); nothing recomputes an indicator.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import polars as pl
import xlsxwriter

from carematters.indicators import all_indicators
from carematters.indicators.benchmarks import ENGLAND
from carematters.indicators.headline import CEASED_GROUPS, PLACEMENT_GROUPS
from carematters.indicators.health import SDQ_BANDS
from carematters.indicators.registry import AVERAGE_UNITS, THEMES
from carematters.reports import charts
from carematters.reports.style import BASE_CSS
from carematters.stocktake.suppression import DEFAULT_THRESHOLD, SUPPRESSED, suppress_counts

CSV_COLUMNS = ["indicator", "year", "numerator", "denominator", "value"]

#: Indicators whose numerators split one total: hiding one small cell must hide another.
FAMILIES: tuple[tuple[str, ...], ...] = (
    tuple(f"CEASED_{g}" for g in CEASED_GROUPS),
    tuple(f"PLACE_{g}" for g in PLACEMENT_GROUPS),
    tuple(f"NI58_{b}" for b in SDQ_BANDS),
)

#: Indicators charted in the report unless the caller names others: the national indicators
#: and the measures Care Matters singles out (stability, adoption timeliness, care leavers).
KEY_INDICATORS = ("NI62", "NI63", "SI_ANY", "NI61", "A1", "A10", "A2", "NI58",
                  "OC2_HEALTH_ASSESSMENT", "NI66", "NI101", "CL19_21_EET", "CL19_21_ACCOM")

THEME_TITLES = {
    "headline": "Children in care", "stability": "Stability", "adoption": "Adoption",
    "health": "Health", "education": "Education", "reviews": "Reviews",
    "care_leavers": "Care leavers",
}


def format_value(value: float | None, unit: str) -> str:
    """Percentages and rates to whole numbers (DfE practice), days whole, averages to 1 d.p."""
    if value is None:
        return ""
    if unit in ("%", "rate", "days", "count"):
        return f"{round(value):,}" + ("%" if unit == "%" else "")
    return f"{value:,.1f}"


def _count(value: float | None) -> str:
    return "" if value is None else f"{round(value):,}"


def csv_frame(results: pl.DataFrame) -> pl.DataFrame:
    """Exactly indicator, year, numerator, denominator, value (unrounded)."""
    return results.select(CSV_COLUMNS)


def hidden_cells(results: pl.DataFrame, threshold: int) -> list[bool]:
    """Primary suppression of small numerators/denominators, then secondary within families."""
    units = results["unit"].to_list()
    numerators, denominators = results["numerator"].to_list(), results["denominator"].to_list()
    hidden = [
        (0 < (den or 0) <= threshold)
        or (unit not in AVERAGE_UNITS and 0 < (num or 0) <= threshold)
        for num, den, unit in zip(numerators, denominators, units, strict=True)
    ]
    keys = list(zip(results["indicator"].to_list(), results["year"].to_list(),
                    results["la"].to_list(), strict=True))
    for family in FAMILIES:
        for year, la in {(y, la) for _, y, la in keys}:
            rows = [i for i, (ind, y, a) in enumerate(keys)
                    if ind in family and y == year and a == la]
            if not rows:
                continue
            line = suppress_counts([numerators[i] for i in rows], threshold)
            for i, hide in zip(rows, line, strict=True):
                hidden[i] = hidden[i] or hide
    return hidden


def published(results: pl.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pl.DataFrame:
    """`results` with value, numerator and denominator emptied wherever a table shown to readers
    outside the case hides them: what a trend chart for such readers may draw."""
    hide = pl.Series(hidden_cells(results, threshold), dtype=pl.Boolean())
    return results.with_columns(
        pl.when(hide).then(None).otherwise(pl.col(name)).alias(name)
        for name in ("value", "numerator", "denominator")
    )


def indicator_table(results: pl.DataFrame, *, suppress: bool = False,
                    threshold: int = DEFAULT_THRESHOLD) -> pl.DataFrame:
    """Display table: formatted numbers, definitions, England figure; `[c]` where suppressed."""
    registry = all_indicators()
    hidden = hidden_cells(results, threshold) if suppress else [False] * results.height
    rows = []
    for row, hide in zip(results.iter_rows(named=True), hidden, strict=True):
        ind = registry[row["indicator"]]
        rows.append({
            "theme": ind.theme, "indicator": ind.id, "title": ind.title, "year": row["year"],
            "value": SUPPRESSED if hide else format_value(row["value"], ind.unit),
            "numerator": SUPPRESSED if hide else _count(row["numerator"]),
            "denominator": SUPPRESSED if hide else _count(row["denominator"]),
            "unit": ind.unit, "direction": ind.direction, "definition": ind.definition,
            "note": row["note"] or "",
        })
    table = pl.DataFrame(rows, schema={
        "theme": pl.String(), "indicator": pl.String(), "title": pl.String(),
        "year": pl.Int32(), "value": pl.String(), "numerator": pl.String(),
        "denominator": pl.String(), "unit": pl.String(), "direction": pl.String(),
        "definition": pl.String(), "note": pl.String()})
    england = ENGLAND.select("indicator", "year", "england")
    return table.join(england, on=["indicator", "year"], how="left", maintain_order="left")


def definitions_table() -> pl.DataFrame:
    return pl.DataFrame([
        {"indicator": i.id, "title": i.title, "theme": i.theme, "unit": i.unit,
         "direction": i.direction, "definition": i.definition, "numerator": i.numerator,
         "denominator": i.denominator, "exclusions": i.exclusions,
         "tables": ", ".join(i.tables), "parameters": ", ".join(i.params),
         "spec": i.spec}
        for i in all_indicators().values()
    ])


def write_workbook(path: Path, results: pl.DataFrame, *, year: int,
                   benchmarks: pl.DataFrame | None = None, targets: pl.DataFrame | None = None,
                   suppress: bool = False, threshold: int = DEFAULT_THRESHOLD) -> Path:
    """An .xlsx with the year's indicators, the trend by year, targets, benchmarks and
    definitions, one sheet each."""
    book = xlsxwriter.Workbook(str(path))
    sheets: list[tuple[str, pl.DataFrame]] = [
        (f"Indicators {year}", indicator_table(results.filter(pl.col("year") == year),
                                               suppress=suppress, threshold=threshold)),
    ]
    if results["year"].n_unique() > 1:
        shown = published(results, threshold) if suppress else results
        trend = shown.pivot(on="year", index=["indicator", "title"], values="value",
                              sort_columns=True, maintain_order=True)
        sheets.append(("Trends", trend))
    if targets is not None:
        sheets.append(("Targets", targets))
    if benchmarks is not None:
        sheets.append(("Benchmarks", benchmarks))
    sheets.append(("Definitions", definitions_table()))
    for name, frame in sheets:
        frame.write_excel(book, worksheet=name, autofit=True, float_precision=1,
                          freeze_panes="A2")
    book.close()
    return path


_CSS = BASE_CSS + """
.met{color:#00703c;font-weight:bold}.notmet{color:#d4351c;font-weight:bold}
.note{color:#505a5f;font-size:.9em}details{margin:.2em 0}
@media print{details{display:block}}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _met_cell(met: bool | None) -> str:
    if met is None:
        return "<td></td>"
    return '<td class="met">met</td>' if met else '<td class="notmet">not met</td>'


def _row(row: dict, ind) -> str:
    details = (
        f"<details><summary>{_e(ind.title)}</summary><p>{_e(ind.definition)}</p>"
        f"<p><b>Numerator:</b> {_e(ind.numerator)}</p>"
        f"<p><b>Denominator:</b> {_e(ind.denominator)}</p>"
        + (f"<p><b>Exclusions:</b> {_e(ind.exclusions)}</p>" if ind.exclusions else "")
        + "</details>"
    )
    note = f'<div class="note">{_e(row["note"])}</div>' if row["note"] else ""
    england = format_value(row["england"], ind.unit) if row["england"] is not None else ""
    target = format_value(row.get("target"), ind.unit) if row.get("target") is not None else ""
    return (
        f"<tr><td>{_e(ind.id)}</td><td>{details}{note}</td>"
        f'<td class="num">{_e(row["value"])}</td><td class="num">{_e(row["numerator"])}</td>'
        f'<td class="num">{_e(row["denominator"])}</td><td class="num">{_e(england)}</td>'
        f'<td class="num">{_e(target)}</td>{_met_cell(row.get("met"))}</tr>'
    )


def _charts(ind, history: pl.DataFrame, benchmarks: pl.DataFrame | None, la: str | None,
            year: int) -> str:
    figures = []
    series = history.filter(pl.col("indicator") == ind.id).drop_nulls("value")
    if series.height > 1:
        england = ENGLAND.filter(pl.col("indicator") == ind.id).select(
            "year", pl.col("england").alias("value"))
        england = england.filter(pl.col("year").is_between(series["year"].min(),
                                                           series["year"].max()))
        targets = None
        if "target" in series.columns:
            targets = series.select("year", pl.col("target").alias("value")).drop_nulls()
        svg = charts.trend_chart(series, f"{ind.id}: trend", ind.unit, targets, england)
        figures.append(f"<figure>{svg}<figcaption>{_e(ind.title)}, by year</figcaption></figure>")
    if benchmarks is not None:
        values = benchmarks.filter((pl.col("indicator") == ind.id) & (pl.col("year") == year))
        if values.height > 1:
            svg = charts.benchmark_chart(values.select("la", "value"), la,
                                         f"{ind.id}: authorities {year}", ind.unit,
                                         values["value"].mean())
            figures.append(f"<figure>{svg}<figcaption>{_e(ind.title)}: this authority "
                           "highlighted against the others</figcaption></figure>")
    return "".join(figures)


def html_report(results: pl.DataFrame, *, year: int, la: str | None = None,
                benchmarks: pl.DataFrame | None = None, suppress: bool = False,
                threshold: int = DEFAULT_THRESHOLD, charts_for: Sequence[str] | None = None,
                notes: Sequence[str] = ()) -> str:
    """A self-contained HTML performance report for one authority and year.

    `results` may hold several years (trend charts) and target/met columns; `benchmarks` a
    results frame of several authorities (bar charts). `charts_for` names the indicators to
    chart (default KEY_INDICATORS).
    """
    registry = all_indicators()
    current = results.filter(pl.col("year") == year)
    table = indicator_table(current, suppress=suppress, threshold=threshold)
    # Charts draw every year: for readers outside the case, only the values the tables show.
    history = published(results, threshold) if suppress else results
    for extra in ("target", "met"):
        if extra in current.columns:
            table = table.with_columns(current[extra])
    by_theme: dict[str, list[str]] = {}
    figures: dict[str, list[str]] = {}
    for row in table.iter_rows(named=True):
        ind = registry[row["indicator"]]
        by_theme.setdefault(ind.theme, []).append(_row(row, ind))
        wanted = ind.id in (KEY_INDICATORS if charts_for is None else charts_for)
        hidden = suppress and row["value"] == SUPPRESSED
        if wanted and not hidden:
            figures.setdefault(ind.theme, []).append(
                _charts(ind, history, benchmarks, la, year))
    title = f"Performance report, year ending 31 March {year}"
    if la:
        title = f"{_e(la)}: performance report, year ending 31 March {year}"
    body = [f"<h1>{title}</h1>"]
    body += [f"<p>{_e(n)}</p>" for n in notes]
    if suppress:
        body.append(f"<p>Counts from 1 to {threshold} and the figures that would reveal them "
                    f"are shown as {SUPPRESSED}.</p>")
    head = ("<tr><th>Id</th><th>Indicator</th><th>Value</th><th>Numerator</th>"
            "<th>Denominator</th><th>England</th><th>Target</th><th>Target met</th></tr>")
    for theme in sorted(by_theme, key=lambda t: THEMES.index(t) if t in THEMES else 99):
        body.append(f"<h2>{_e(THEME_TITLES.get(theme, theme))}</h2>")
        body.append(f"<table><thead>{head}</thead><tbody>{''.join(by_theme[theme])}</tbody></table>")
        body.append("".join(figures.get(theme, [])))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body) + "</body></html>"
    )


def pdf_report(html_text: str) -> bytes:
    """The HTML report as PDF (WeasyPrint; needs the Pango libraries from Debian)."""
    from weasyprint import HTML

    return HTML(string=html_text).write_pdf()
