"""Forecast renderers: the sufficiency fragment and the workbook."""

import io
import zipfile
from datetime import date

import polars as pl

from carematters.reports.forecast import forecast_workbook, sufficiency_section

SUFFICIENCY = pl.DataFrame({
    "date": [date(2025, 3, 31), date(2025, 3, 31), date(2025, 4, 30)],
    "placement": ["foster_in_house", "foster_ifa", "foster_in_house"],
    "expected": [100.0, 50.0, 101.0],
    "in_house": [100.0, 0.0, 101.0],
    "external": [0.0, 50.0, 0.0],
    "not_commissioned": [0.0, 0.0, 0.0],
    "in_area": [80.0, 20.0, 81.0],
    "out_of_area": [20.0, 30.0, 20.0],
})


def test_sufficiency_fragment_totals_each_shown_date():
    html = sufficiency_section(SUFFICIENCY, title="Demand <2025>")
    assert html.startswith('<section class="carematters-sufficiency">')
    assert "Demand &lt;2025&gt;" in html
    # 31/03/2025: 150 children, 100 in-house, 50 external, 100 in area, 50 out of area.
    row = html.split("2025-03-31</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split('numeric">')[1:]]
    assert cells == ["150", "100", "50", "0", "100", "50"]
    # Only every twelfth month is shown.
    assert "2025-04-30" not in html


def test_workbook_has_a_sheet_per_frame():
    book = forecast_workbook({"sufficiency": SUFFICIENCY, "a very long sheet name over 31 chars": SUFFICIENCY})
    names = zipfile.ZipFile(io.BytesIO(book)).namelist()
    assert "xl/worksheets/sheet1.xml" in names
    assert "xl/worksheets/sheet2.xml" in names
