"""`carematters report` and `carematters due` on a folder of CSV returns."""

from typer.testing import CliRunner

from carematters.cli import app
from tests.reports.fixtures import authority, write_csvs

runner = CliRunner()


def test_report_monthly_and_annual_write_html(tmp_path):
    write_csvs(authority(), tmp_path / "returns")
    out = tmp_path / "out"
    monthly = runner.invoke(app, ["report", "monthly", str(tmp_path / "returns"), "--year", "2024",
                                  "--as-at", "31/03/2024", "--out", str(out)])
    assert monthly.exit_code == 0, monthly.output
    text = (out / "grip-monthly-2024-03-31.html").read_text()
    assert "20 children were looked after on 31/03/2024." in text
    annual = runner.invoke(app, ["report", "annual", str(tmp_path / "returns"), "--out", str(out)])
    assert annual.exit_code == 0, annual.output
    assert "41% (14 of 34)" in (out / "grip-annual-2024.html").read_text()


def test_due_lists_overdue_items_for_one_child(tmp_path):
    write_csvs(authority(), tmp_path)
    result = runner.invoke(app, ["due", str(tmp_path), "--as-at", "31/03/2024", "--child", "C15"])
    assert result.exit_code == 0, result.output
    assert "C15" in result.output and "C01" not in result.output
    assert "first review" in result.output
    # T3 first review (due 01/06/2023) is overdue, as are the first visit (T8) and others
    assert "overdue" in result.output


def test_bad_folder_is_a_clean_error(tmp_path):
    result = runner.invoke(app, ["due", str(tmp_path)])
    assert result.exit_code == 2
    assert "no CSV or XML files" in " ".join(result.output.split())
