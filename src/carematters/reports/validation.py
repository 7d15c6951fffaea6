"""Validation reports: a summary by rule, a fix list per child, and CSV, XLSX and HTML files.

All built from `Findings` (and, for the XLSX, the data validated) only; no rule logic here.
"""

from __future__ import annotations

import html
from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import SOURCE_ROW
from carematters.validation.engine import Findings

CSV_COLUMNS = ["rule", "table", "row", "child"]


def summary(findings: Findings) -> pl.DataFrame:
    """One row per rule with findings: rule, message, count (most frequent first)."""
    return (
        findings.frame.group_by("rule", maintain_order=True)
        .agg(pl.col("message").first(), pl.len().alias("count"))
        .sort(["count", "rule"], descending=[True, False])
    )


def fix_list(findings: Findings) -> pl.DataFrame:
    """What to fix, child by child: child, table, row, fields, rule, message."""
    return findings.frame.select(
        pl.col("child").fill_null("(no child)"),
        "table",
        "row",
        pl.col("fields").list.join(", ").alias("fields"),
        "rule",
        "message",
    ).sort(["child", "table", "row", "rule"], nulls_last=True)


def write_csv(findings: Findings, path: Path) -> Path:
    """`findings.csv`: exactly rule,table,row,child (row = 1-based data row in the source file)."""
    findings.frame.select(CSV_COLUMNS).write_csv(path)
    return path


def write_xlsx(findings: Findings, data: CareData, path: Path) -> Path:
    """A workbook: Summary, Findings, then one sheet per table with findings, holding the
    table's rows with each offending cell highlighted and the rules listed beside the row."""
    import xlsxwriter

    # Values come from the return (postcodes, free-text dates...): a cell starting with "=" must
    # stay text, never become a formula that a spreadsheet evaluates (CSV/formula injection).
    with xlsxwriter.Workbook(str(path), {"strings_to_formulas": False}) as book:
        bold = book.add_format({"bold": True, "bg_color": "#dee0e2"})
        bad = book.add_format({"bg_color": "#f6d7d2", "font_color": "#942514"})
        _sheet(book, "Summary", summary(findings), bold)
        _sheet(book, "Findings", fix_list(findings), bold)
        for name in findings.frame["table"].drop_nulls().unique().sort().to_list():
            if name in data:
                _table_sheet(book, name, data[name], findings, bold, bad)
    return path


def _sheet(book, title: str, frame: pl.DataFrame, bold) -> None:
    sheet = book.add_worksheet(title[:31])
    for col, name in enumerate(frame.columns):
        sheet.write(0, col, name, bold)
    for r, row in enumerate(frame.iter_rows(), start=1):
        for col, value in enumerate(row):
            sheet.write(r, col, _cell(value))
    sheet.freeze_panes(1, 0)


def _table_sheet(book, name: str, table: pl.DataFrame, findings: Findings, bold, bad) -> None:
    rows = table if SOURCE_ROW in table.columns else table.with_row_index(SOURCE_ROW, offset=1)
    columns = [c for c in rows.columns if c != SOURCE_ROW]
    flagged = (
        findings.frame.filter(pl.col("table") == name)
        .group_by("row")
        .agg(pl.col("rule").unique().sort().str.join(", ").alias("_rules"),
             pl.col("fields").list.explode(keep_nulls=False, empty_as_null=False).unique()
             .alias("_fields"))
    )
    rows = rows.join(flagged, left_on=SOURCE_ROW, right_on="row", how="inner").sort(SOURCE_ROW)
    sheet = book.add_worksheet(name[:31])
    headers = ["row", *columns, "rules"]
    for col, header in enumerate(headers):
        sheet.write(0, col, header, bold)
    for r, record in enumerate(rows.iter_rows(named=True), start=1):
        sheet.write(r, 0, record[SOURCE_ROW])
        fields = set(record["_fields"] or [])
        for col, column in enumerate(columns, start=1):
            fmt = bad if column in fields else None
            sheet.write(r, col, _cell(record[column]), fmt)
        sheet.write(r, len(columns) + 1, record["_rules"])
    sheet.freeze_panes(1, 1)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return value


_STYLE = """
body{font-family:Arial,sans-serif;margin:0;color:#0b0c0c;background:#fff}
header{background:#0b0c0c;color:#fff;padding:12px 24px;border-bottom:8px solid #1d70b8}
main{padding:16px 24px;max-width:1100px}
h1{font-size:2rem;margin:.5em 0}h2{font-size:1.4rem;margin-top:1.5em}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:6px 8px;vertical-align:top}
th{font-weight:bold}.count{text-align:right}.tag{background:#f6d7d2;color:#942514;
padding:2px 6px;font-weight:bold}.ok{border-left:10px solid #00703c;padding:8px 16px}
"""


def html_page(findings: Findings, *, title: str = "Validation report") -> str:
    """A self-contained page: summary by rule, then a fix list grouped by child. Escaped."""
    esc = html.escape
    total = len(findings)
    parts = [
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>",
        f"<header>carematters</header><main><h1>{esc(title)}</h1>",
    ]
    if total == 0:
        parts.append("<p class='ok'>No findings: every rule passed.</p>")
    else:
        children = findings.frame["child"].n_unique()
        parts.append(f"<p>{total} findings for {children} children.</p><h2>Summary by rule</h2>")
        parts.append("<table><thead><tr><th>Rule</th><th>Message</th><th class='count'>Count"
                     "</th></tr></thead><tbody>")
        for rule, message, count in summary(findings).iter_rows():
            parts.append(f"<tr><td><span class='tag'>{esc(rule)}</span></td>"
                         f"<td>{esc(message)}</td><td class='count'>{count}</td></tr>")
        parts.append("</tbody></table><h2>What to fix, child by child</h2>")
        for (child,), rows in fix_list(findings).group_by("child", maintain_order=True):
            parts.append(f"<h3>Child {esc(str(child))}</h3><table><thead><tr><th>Table</th>"
                         "<th>Row</th><th>Fields</th><th>Rule</th><th>Message</th></tr>"
                         "</thead><tbody>")
            for _, table, row, fields, rule, message in rows.iter_rows():
                parts.append(
                    f"<tr><td>{esc(str(table))}</td><td>{'' if row is None else row}</td>"
                    f"<td>{esc(fields)}</td><td>{esc(rule)}</td><td>{esc(message)}</td></tr>"
                )
            parts.append("</tbody></table>")
    parts.append("</main></body></html>")
    return "".join(parts)


def write_html(findings: Findings, path: Path, *, title: str = "Validation report") -> Path:
    path.write_text(html_page(findings, title=title), encoding="utf-8")
    return path


def write_all(findings: Findings, data: CareData, out: Path) -> list[Path]:
    """findings.csv, findings.xlsx and findings.html in directory `out`."""
    out.mkdir(parents=True, exist_ok=True)
    return [
        write_csv(findings, out / "findings.csv"),
        write_xlsx(findings, data, out / "findings.xlsx"),
        write_html(findings, out / "findings.html"),
    ]
