"""XLSX downloads of the grip pages: what the page shows, as typed cells, audited.

Text cells go through the same neutraliser as the CSV exports (a leading =, +, -, @, tab or CR
gets an apostrophe, ASVS 1.2.10) and are written as strings, so a spreadsheet never evaluates
them; dates are real dates and numbers real numbers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import xlsxwriter
from django.http import HttpResponse

from carematters.web.accounts import audit
from carematters.web.children.reports import _safe as neutralise


def workbook(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    dated = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, headers, rows in sheets:
        sheet = book.add_worksheet(name[:31])
        for col, header in enumerate(headers):
            sheet.write_string(0, col, neutralise(header), bold)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                _cell(sheet, r, col, value, dated)
        sheet.freeze_panes(1, 0)
        sheet.autofit()
    book.close()
    return buffer.getvalue()


def _cell(sheet, row: int, col: int, value: object, dated) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_string(row, col, "Yes" if value else "No")
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, dated)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, neutralise(value))


def xlsx_response(
    filename: str,
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]],
    *,
    what: str,
    filters: dict,
) -> HttpResponse:
    """The workbook as a download, with an audit line saying what left the system."""
    audit.record("export", changes={
        "export": what, "rows": sum(len(rows) for _, _, rows in sheets), "filters": filters,
    })
    response = HttpResponse(
        workbook(sheets),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
