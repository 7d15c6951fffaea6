"""Validation reports: summary, fix list, CSV, XLSX and HTML."""

from datetime import date

import polars as pl

from carematters.data.caredata import CareData
from carematters.reports.validation import fix_list, html_page, summary, write_all
from carematters.validation import validate

EPISODES = pl.DataFrame({
    "CHILD": ["A", "B", "<script>"],
    "DECOM": [date(2025, 5, 1), date(2025, 6, 1), date(2025, 6, 1)],
    "DEC": [date(2025, 5, 1), date(2025, 7, 1), None],
    "_row": [3, 4, 5],
})
DATA = CareData({"Episodes": EPISODES}, years=(2026,))


def findings():
    return validate(DATA, rules=["148", "355"])


def test_summary_and_fix_list():
    found = findings()
    assert summary(found).select("rule", "count").rows() == [("148", 2), ("355", 1)]
    fixes = fix_list(found)
    assert fixes.select("child", "row", "rule").rows() == [("A", 3, "148"), ("A", 3, "355"),
                                                          ("B", 4, "148")]
    assert fixes["fields"][0] == "DEC, REC"


def test_files(tmp_path):
    paths = write_all(findings(), DATA, tmp_path)
    assert [p.name for p in paths] == ["findings.csv", "findings.xlsx", "findings.html"]
    csv = (tmp_path / "findings.csv").read_text().splitlines()
    assert csv[0] == "rule,table,row,child"
    assert csv[1] == "148,Episodes,3,A"
    assert (tmp_path / "findings.xlsx").stat().st_size > 0


def test_html_is_escaped_and_self_contained():
    eps = pl.DataFrame({"CHILD": ["<script>"], "DECOM": [date(2025, 6, 1)],
                        "DEC": [date(2025, 7, 1)]})  # fail 148: DEC without REC
    found = validate(CareData({"Episodes": eps}), year=2026, rules=["148"])
    page = html_page(found, title="Return <2026>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Return &lt;2026&gt;" in page
    assert "http" not in page  # no external assets
    assert "No findings" in html_page(validate(DATA, rules=["354"]))
