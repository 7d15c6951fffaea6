"""Indicator tables, suppression, charts, workbook, HTML and PDF reports."""

import zipfile
from dataclasses import replace

import polars as pl
import pytest

from carematters.indicators import compute, results_frame
from carematters.indicators.trends import run_years, with_targets
from carematters.reports import indicators as report
from carematters.reports.charts import benchmark_chart, trend_chart
from carematters.stocktake.suppression import SUPPRESSED

from .builders import care_data
from .examples import NI62_EPISODES
from .test_headline import DATA as HEADLINE

STABILITY = care_data((2023, 2024), Episodes=NI62_EPISODES)


def two_years() -> pl.DataFrame:
    return results_frame(run_years(STABILITY, [2023, 2024]))


def test_table_formats_and_defines_every_row():
    table = report.indicator_table(two_years().filter(pl.col("year") == 2024))
    ni62 = table.filter(pl.col("indicator") == "NI62").row(0, named=True)
    assert (ni62["value"], ni62["numerator"], ni62["denominator"]) == ("40%", "2", "5")
    assert table["definition"].str.len_chars().min() > 20


def test_small_numbers_are_suppressed_with_their_family():
    results = results_frame(compute(HEADLINE, 2024))
    table = report.indicator_table(results, suppress=True)
    cells = dict(zip(table["indicator"], table["numerator"], strict=True))
    # 5 looked after, 1 UASC: every count from 1 to 5 is hidden
    assert cells["LAC_31MAR"] == SUPPRESSED and cells["UASC"] == SUPPRESSED
    assert cells["CEASED_OTHER"] == SUPPRESSED  # 0 of 3 ceased: the denominator is small
    relaxed = report.indicator_table(results, suppress=True, threshold=0)
    assert SUPPRESSED not in relaxed["numerator"].to_list()


def test_secondary_suppression_within_a_family():
    frame = pl.DataFrame({
        "la": ["1"] * 4,
        "indicator": ["PLACE_FOSTER", "PLACE_KINSHIP", "PLACE_OTHER", "PLACE_PARENTS"],
        "year": [2024] * 4, "numerator": [60.0, 3.0, 20.0, 0.0], "denominator": [83.0] * 4,
        "value": [72.3, 3.6, 24.1, 0.0], "unit": ["%"] * 4, "note": [""] * 4,
    })
    table = report.indicator_table(frame, suppress=True)
    # 3 is hidden, and the next smallest (20) too, so 83 - 60 cannot give it away; 0 is shown
    assert table["numerator"].to_list() == ["60", SUPPRESSED, SUPPRESSED, "0"]


def test_csv_frame_has_exactly_the_published_columns():
    assert report.csv_frame(two_years()).columns == [
        "indicator", "year", "numerator", "denominator", "value"]


def test_charts_are_inline_svg():
    series = pl.DataFrame({"year": [2023, 2024], "value": [10.0, 12.5]})
    svg = trend_chart(series, "NI62 <trend>", "%")
    assert svg.startswith("<svg") and "<script" not in svg and "<trend>" not in svg
    bars = benchmark_chart(pl.DataFrame({"la": ["A", "B"], "value": [1.0, 2.0]}), "B", "x")
    assert bars.count("#1d70b8") >= 1


def test_html_report_is_self_contained_and_escaped():
    results = with_targets(two_years(), {("NI62", 2024): 35.0})
    other = results.with_columns(pl.lit("888").alias("la"), pl.col("value") / 2)
    page = report.html_report(results, year=2024, la="<b>999</b>", charts_for=["NI62"],
                              benchmarks=pl.concat([results, other]))
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;b&gt;999&lt;/b&gt;" in page and "<b>999</b>" not in page
    assert page.count("<svg") == 2  # NI62 trend and benchmark bars
    assert "not met" in page  # 40% against a 35% target, lower is better
    assert "src=" not in page and "<link" not in page  # nothing fetched from elsewhere


def test_workbook_has_a_sheet_per_view(tmp_path):
    path = report.write_workbook(tmp_path / "x.xlsx", two_years(), year=2024)
    with zipfile.ZipFile(path) as book:
        names = book.read("xl/workbook.xml").decode()
    for sheet in ("Indicators 2024", "Trends", "Definitions"):
        assert sheet in names


@pytest.mark.slow  # WeasyPrint takes tens of seconds to lay out the whole report
def test_pdf_report():
    pytest.importorskip("weasyprint")
    page = report.html_report(two_years(), year=2024, la="999", charts_for=["NI62"])
    assert report.pdf_report(page).startswith(b"%PDF")


def test_results_carry_the_authority():
    data = replace(STABILITY, la="E09000001")
    assert results_frame(compute(data, 2024, ids=["NI62"]))["la"].to_list() == ["E09000001"]


def _ni62_over_two_years() -> pl.DataFrame:
    # 2023: 1 of 4 children moved 3+ times (both counts small); 2024: 12 of 40 (both shown)
    return pl.DataFrame({
        "la": ["1", "1"], "indicator": ["NI62", "NI62"], "year": [2023, 2024],
        "numerator": [1.0, 12.0], "denominator": [4.0, 40.0], "value": [25.0, 30.0],
        "unit": ["%", "%"], "note": ["", ""], "title": ["Moves", "Moves"],
    })


def test_published_empties_every_year_a_table_would_hide():
    shown = report.published(_ni62_over_two_years())
    assert shown["value"].to_list() == [None, 30.0]
    assert shown["denominator"].to_list() == [None, 40.0]


def test_suppressed_workbook_trend_hides_small_earlier_years(tmp_path):
    path = report.write_workbook(tmp_path / "x.xlsx", _ni62_over_two_years(), year=2024,
                                 suppress=True)
    trend = pl.read_excel(path, sheet_name="Trends")
    assert trend["2023"].to_list() == [None]  # 25% of 4 children is one child
    assert trend["2024"].to_list() == [30.0]
