"""Forecast outputs: SVG charts with bands, an XLSX workbook, and a sufficiency HTML fragment
that other reports can include."""

from __future__ import annotations

import io
from html import escape

import polars as pl
import xlsxwriter
from matplotlib import rc_context
from matplotlib.figure import Figure

from carematters.costs.groups import LABELS
from carematters.forecast.engine import ALL, Forecast

_RC = {"svg.hashsalt": "carematters", "svg.fonttype": "none", "font.family": "sans-serif"}
_LABELS = {**LABELS, ALL: "All children in care"}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with rc_context(_RC):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def forecast_chart(fc: Forecast, placements: list[str] | None = None,
                   age_band: str = ALL, history: pl.DataFrame | None = None) -> str:
    """SVG: expected children per placement (lines) with their bands (shaded).

    `placements` defaults to the total; `history` (date, placement, children) draws what
    happened before the origin as dotted lines.
    """
    placements = placements or [ALL]
    frame = fc.frame().filter(pl.col("age_band") == age_band)
    with rc_context(_RC):
        figure = Figure(figsize=(8, 4.5))
        axes = figure.subplots()
        for placement in placements:
            rows = frame.filter(pl.col("placement") == placement)
            line, = axes.plot(rows["date"], rows["expected"], label=_LABELS.get(placement, placement))
            axes.fill_between(rows["date"], rows["lower"], rows["upper"],
                              color=line.get_color(), alpha=0.2, linewidth=0)
            if history is not None:
                past = history.filter(pl.col("placement") == placement)
                axes.plot(past["date"], past["children"], linestyle=":", color=line.get_color())
        axes.axvline(fc.origin, color="grey", linewidth=0.8)
        axes.set_ylabel("children")
        band = "all ages" if age_band == ALL else f"aged {age_band}"
        axes.set_title(f"Forecast, {band} ({fc.scenario.name}); shaded: {fc.level:.0%} band")
        axes.set_ylim(bottom=0)
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        figure.autofmt_xdate()
    return _svg(figure)


def _sheet(book: xlsxwriter.Workbook, name: str, frame: pl.DataFrame) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    numbers = book.add_format({"num_format": "#,##0.0"})
    for col, column in enumerate(frame.columns):
        sheet.write(0, col, column, bold)
        dtype = frame.schema[column]
        style = dates if dtype == pl.Date else numbers if dtype.is_float() else None
        sheet.set_column(col, col, 14, style)
        for row, value in enumerate(frame[column].to_list(), start=1):
            if value is not None:
                sheet.write(row, col, value)
    sheet.freeze_panes(1, 0)


def forecast_workbook(sheets: dict[str, pl.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per frame (e.g. forecast, costs, sufficiency, backtest)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_date_format": "yyyy-mm-dd"})
    for name, frame in sheets.items():
        _sheet(book, name[:31], frame)
    book.close()
    return buffer.getvalue()


def _cell(value: float) -> str:
    return f'<td class="govuk-table__cell govuk-table__cell--numeric">{value:,.0f}</td>'


def sufficiency_section(suff: pl.DataFrame, title: str = "Sufficiency: projected demand") -> str:
    """HTML fragment: for each forecast date at 12-month steps, the expected children needing
    in-house and external placements, and in and out of area (from `sufficiency.sufficiency`)."""
    dates = suff["date"].unique().sort()
    shown = dates.gather_every(12) if dates.len() > 1 else dates
    totals = (
        suff.filter(pl.col("date").is_in(shown.implode()))
        .group_by("date").agg(pl.col("expected", "in_house", "external", "not_commissioned",
                                     "in_area", "out_of_area").sum())
        .sort("date")
    )
    heads = ("Date", "Children", "In-house", "External", "Not commissioned", "In area",
             "Out of area")
    head = "".join(f'<th scope="col" class="govuk-table__header">{h}</th>' for h in heads)
    rows = "".join(
        '<tr class="govuk-table__row">'
        f'<th scope="row" class="govuk-table__header">{escape(r["date"].isoformat())}</th>'
        + "".join(_cell(r[c]) for c in ("expected", "in_house", "external", "not_commissioned",
                                        "in_area", "out_of_area"))
        + "</tr>"
        for r in totals.iter_rows(named=True)
    )
    return (
        f'<section class="carematters-sufficiency">'
        f'<h2 class="govuk-heading-m">{escape(title)}</h2>'
        '<p class="govuk-body">Expected children in care, split by who provides the placement '
        "and where it is, using each placement type's shares over the reference window.</p>"
        f'<table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row">'
        f"{head}</tr></thead><tbody class=\"govuk-table__body\">{rows}</tbody></table></section>"
    )
