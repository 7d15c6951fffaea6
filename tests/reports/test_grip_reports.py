"""The grip reports render, escape what they print, and carry the expected figures."""

import pytest

from carematters.reports.grip import annual_report, figure_text, monthly_report
from carematters.reports.grip_figures import Figure
from carematters.reports.grip_render import render_html, render_pdf
from tests.compliance.helpers import d
from tests.reports.fixtures import authority


def test_monthly_report_figures():
    html = render_html(monthly_report(authority(), d("31/03/2024"), teams={"SW1": "North"}))
    assert "20 children were looked after on 31/03/2024." in html
    # first reviews: 14 on time, 6 overdue; 14 second reviews overdue
    assert "<td>T3</td>" in html
    assert "Since 01/03/2024: 3 missing or away episodes for 3 children." in html
    # C05 is placed in Birmingham (B), the others in Coventry (CV), where the children come from
    assert "1 of 20 children are placed outside CV" in html
    assert "<td>C05</td>" in html
    assert "<svg" in html and "</html>" in html


def test_monthly_report_escapes_what_it_prints():
    html = render_html(monthly_report(authority(), d("31/03/2024")))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_annual_report_answers_with_suppressed_small_numbers():
    data = authority()
    html = render_html(annual_report({2024: data}, 2024))
    assert "Children looked after at 31 March: 20 in 2023-24." in html
    assert "Reviews held on time: 41% (14 of 34) in 2023-24." in html
    # three children went missing: suppressed
    assert "Children who went missing or were away: the numbers in 2023-24 are too small" in html
    # no OC2 in the data: that measure is left out and said so
    assert "Annual health assessment (OC2): left out, no OC2 data was supplied." in html
    assert "Costs: placement costs only" in html


def test_annual_report_trend_line_compares_with_the_year_before():
    data = authority()
    html = render_html(annual_report({2023: data, 2024: data}, 2024))
    # In 2023 (to 31/03/2023) nobody was looked after yet; 20 in 2024.
    assert "Children looked after at 31 March: 20 in 2023-24, up from 0 the year before." in html
    assert html.count("<svg") >= 2


def test_figure_text_suppresses_small_numbers_and_their_complements():
    assert figure_text(Figure(3)) == "[c]"
    assert figure_text(Figure(0)) == "0"
    assert figure_text(Figure(12, 20)) == "60% (12 of 20)"
    assert figure_text(Figure(2, 20)) == "[c] of 20"   # numerator small
    assert figure_text(Figure(17, 20)) == "[c] of 20"  # 3 not done could be worked out
    assert figure_text(Figure(4, 4)) == "[c]"          # the whole group is small
    assert figure_text(Figure(1517, 1788)) == "85% (1,517 of 1,788)"


def test_pdf_renders_when_weasyprint_is_available():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as missing:  # OSError: the Pango libraries are not installed
        pytest.skip(f"WeasyPrint unavailable: {missing}")
    pdf = render_pdf(annual_report({2024: authority()}, 2024))
    assert pdf.startswith(b"%PDF")
