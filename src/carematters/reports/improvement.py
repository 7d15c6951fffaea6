"""An improvement plan's progress report: a RAG table of actions, the priorities' summary and a
trend chart per measured action (HTML), or the same tables as a spreadsheet (XLSX).

Renders the frames `carematters.improvement.progress` and `priority_summary` return.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter

from carematters.improvement.plan import Plan
from carematters.improvement.progress import trend
from carematters.indicators.registry import all_indicators
from carematters.reports import charts
from carematters.reports.indicators import format_value
from carematters.reports.style import BASE_CSS

RAG_COLOURS = {"green": "#00703c", "amber": "#f47738", "red": "#d4351c", "grey": "#505a5f"}

ACTION_COLUMNS = ["priority", "action", "title", "owner", "due", "status", "overdue",
                  "days_overdue", "indicator", "baseline", "baseline_year", "target",
                  "target_year", "latest_year", "latest", "expected", "progress", "rag"]

_CSS = BASE_CSS + """
.rag{color:#fff;font-weight:bold;padding:.1em .5em;display:inline-block}
.overdue{color:#d4351c;font-weight:bold}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _rag(rag: str, label: str) -> str:
    return (f'<span class="rag" style="background:{RAG_COLOURS.get(rag, "#505a5f")}">'
            f"{_e(label)}</span>")


def _figure(row: dict) -> str:
    return format_value(row["latest"], row["unit"]) if row["latest"] is not None else ""


def _measure(row: dict, key: str, year_key: str) -> str:
    if row[key] is None:
        return ""
    return f"{format_value(row[key], row['unit'])} ({row[year_key]})"


def _action_row(row: dict) -> str:
    due = row["due"].strftime("%d/%m/%Y")
    late = (f'<div class="overdue">overdue by {row["days_overdue"]} days</div>'
            if row["overdue"] else "")
    expected = (format_value(row["expected"], row["unit"])
                if row["expected"] is not None else "")
    latest = f"{_figure(row)} ({row['latest_year']})" if row["latest"] is not None else ""
    cells = [
        _e(row["action"]), _e(row["title"]), _e(row["owner"]), f"{_e(due)}{late}",
        _e(row["status"]), _e(row["indicator"] or ""), _e(_measure(row, "baseline", "baseline_year")),
        _e(_measure(row, "target", "target_year")), _e(latest), _e(expected),
        _rag(row["rag"], row["progress"]),
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _summary_table(summary: pl.DataFrame) -> str:
    head = ("<tr><th>Priority</th><th>Theme</th><th>Actions</th><th>Done</th><th>Overdue</th>"
            "<th>Achieved</th><th>On track</th><th>Off track</th><th>No data</th>"
            "<th>Overall</th></tr>")
    rows = []
    for r in summary.iter_rows(named=True):
        nums = "".join(f'<td class="num">{r[c]}</td>' for c in
                       ("actions", "done", "overdue", "achieved", "on_track", "off_track",
                        "no_data"))
        rows.append(f"<tr><td>{_e(r['priority'])} {_e(r['priority_title'])}</td>"
                    f"<td>{_e(r['theme'])}</td>{nums}<td>{_rag(r['rag'], r['rag'])}</td></tr>")
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def html_report(plan: Plan, actions: pl.DataFrame, summary: pl.DataFrame,
                results: pl.DataFrame, *, year: int, as_at: date) -> str:
    """The self-contained progress page."""
    title = f"{plan.title}: progress to 31 March {year}"
    body = [f"<h1>{_e(title)}</h1>",
            f"<p>{_e(plan.authority)}. Indicators from the returns up to {year}; actions as at "
            f"{as_at:%d/%m/%Y}. On track means at or better than the straight line from the "
            "baseline to the target.</p>",
            "<h2>Priorities</h2>", _summary_table(summary)]
    head = ("<tr><th>Id</th><th>Action</th><th>Owner</th><th>Due</th><th>Status</th>"
            "<th>Indicator</th><th>Baseline</th><th>Target</th><th>Latest</th>"
            "<th>Expected now</th><th>Progress</th></tr>")
    for priority in plan.priorities:
        mine = actions.filter(pl.col("priority") == priority.id)
        if mine.is_empty():
            continue
        rows = [_action_row(r) for r in mine.iter_rows(named=True)]
        body.append(f"<h2>{_e(priority.id)} {_e(priority.title)}</h2>")
        body.append(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
        body.append("".join(_chart(r, results) for r in mine.iter_rows(named=True)
                            if r["indicator"] is not None))
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>")


def _chart(row: dict, results: pl.DataFrame) -> str:
    series, path = trend(results, row)
    title = f"{row['action']}: {row['indicator']} {all_indicators()[row['indicator']].title}"
    svg = charts.path_chart(series, path, title[:75], row["unit"])
    return (f"<figure>{svg}<figcaption>{_e(row['title'])}: {_e(row['indicator'])} by year "
            "against the path to its target</figcaption></figure>")


def write_workbook(path: Path, actions: pl.DataFrame, summary: pl.DataFrame) -> Path:
    """An .xlsx with the priorities' summary and every action's progress."""
    book = xlsxwriter.Workbook(str(path))
    for name, frame in (("Priorities", summary), ("Actions", actions.select(ACTION_COLUMNS))):
        frame.write_excel(book, worksheet=name, autofit=True, float_precision=1,
                          freeze_panes="A2")
    book.close()
    return path
