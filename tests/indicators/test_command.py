"""`carematters indicators` on returns written to disk."""

import polars as pl
import pytest
from typer.testing import CliRunner

from carematters.cli import app
from carematters.commands.indicators import parse_years
from carematters.returns import write_csv

from .builders import care_data
from .examples import NI62_EPISODES

runner = CliRunner()


def _returns(folder, la="E09000001"):
    # The same history sent in two years' returns: reading combines them.
    for year in (2023, 2024):
        write_csv(care_data((year,), Episodes=NI62_EPISODES), folder / la / str(year))
    return folder


def test_csv_has_the_published_columns_and_the_worked_example(tmp_path):
    _returns(tmp_path / "in")
    result = runner.invoke(app, ["indicators", str(tmp_path / "in"), "--years", "2023-2024",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "out" / "indicators.csv")
    assert table.columns == ["indicator", "year", "numerator", "denominator", "value"]
    ni62 = table.filter((pl.col("indicator") == "NI62") & (pl.col("year") == 2024))
    assert ni62.row(0) == ("NI62", 2024, 2.0, 5.0, 40.0)
    assert set(table["year"]) == {2023, 2024}


def test_several_authorities_give_benchmarks_and_a_report(tmp_path):
    _returns(tmp_path / "in", "E09000001")
    _returns(tmp_path / "in", "E09000002")
    result = runner.invoke(app, ["indicators", str(tmp_path / "in"), "--year", "2024",
                                 "--format", "html", "--out", str(tmp_path / "out"),
                                 "--la", "E09000002", "--suppress"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "report.html").read_text()
    assert "E09000002" in page and "[c]" in page
    assert (tmp_path / "out" / "raise_to_mean.csv").exists()
    benchmarks = pl.read_csv(tmp_path / "out" / "benchmarks.csv")
    assert set(benchmarks["la"]) == {"E09000001", "E09000002"}


def test_workbook_format(tmp_path):
    _returns(tmp_path / "in")
    result = runner.invoke(app, ["indicators", str(tmp_path / "in"), "--format", "xlsx",
                                 "--out", str(tmp_path / "out"), "--population", "1000"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "indicators.xlsx").stat().st_size > 0


def test_years_option():
    assert parse_years("2021-2023") == [2021, 2022, 2023]
    assert parse_years("2024,2022") == [2022, 2024]
    with pytest.raises(Exception, match="ends before"):
        parse_years("2025-2021")


def test_unknown_authority_is_a_clear_error(tmp_path):
    _returns(tmp_path / "in")
    result = runner.invoke(app, ["indicators", str(tmp_path / "in"), "--la", "E0",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no returns for authority E0" in result.output
