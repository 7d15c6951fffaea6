"""`carematters stocktake` from results files and from returns."""

import polars as pl
from typer.testing import CliRunner

from carematters.cli import app
from carematters.returns import write_csv

from ..indicators.builders import care_data
from ..indicators.test_stability import NI62_EPISODES
from .builders import results

runner = CliRunner()


def _results_files(folder):
    """Three authorities' computed results; the first in `carematters indicators` layout."""
    frames = {
        "E1": results(("E1", "NI62", 3, 100), ("E1", "NI63", 40, 50)),   # 3: hidden
        "E2": results(("E2", "NI62", 12, 80), ("E2", "NI63", 30, 45)),   # 12: hidden (secondary)
        "E3": results(("E3", "NI62", 20, 90), ("E3", "NI63", 50, 60)),
    }
    (folder / "E1").mkdir(parents=True)
    frames["E1"].drop("la").write_csv(folder / "E1" / "indicators.csv")
    frames["E2"].drop("la").write_csv(folder / "E2.csv")
    frames["E3"].write_csv(folder / "third.csv")
    return [folder / "E1", folder / "E2.csv", folder / "third.csv"]


def test_csv_from_results_files_hides_small_counts(tmp_path):
    paths = _results_files(tmp_path / "in")
    result = runner.invoke(app, ["stocktake", *map(str, paths), "--year", "2025",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "out" / "stocktake.csv", infer_schema_length=0)
    ni62 = table.filter(pl.col("indicator") == "NI62")
    assert ni62["la"].to_list() == ["E1", "E2", "E3", "Pooled"]
    assert ni62["numerator"].to_list() == ["[c]", "[c]", "20", "35"]
    assert ni62["value"].to_list()[:2] == ["[c]", "[c]"]
    assert ni62["rank"].to_list() == [None, None, "1", None]  # ranked among those shown
    ni63 = table.filter((pl.col("indicator") == "NI63") & (pl.col("la") == "Pooled"))
    assert ni63["numerator"].to_list() == ["120"] and ni63["denominator"].to_list() == ["155"]


def test_regions(tmp_path):
    paths = _results_files(tmp_path / "in")
    (tmp_path / "regions.csv").write_text("la,region\nE1,North\nE2,North\nE3,South\n")
    result = runner.invoke(app, ["stocktake", *map(str, paths), "--year", "2025",
                                 "--regions", str(tmp_path / "regions.csv"),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "out" / "stocktake.csv", infer_schema_length=0)
    ni63 = table.filter(pl.col("indicator") == "NI63")
    assert ni63["la"].to_list() == ["E1", "E2", "E3", "North", "South", "Pooled"]
    # North: 70 of 95 children
    assert ni63.filter(pl.col("la") == "North")["numerator"].to_list() == ["70"]
    assert ni63.filter(pl.col("la") == "North")["denominator"].to_list() == ["95"]


def test_html_and_workbook(tmp_path):
    paths = [str(p) for p in _results_files(tmp_path / "in")]
    html = runner.invoke(app, ["stocktake", *paths, "--year", "2025", "--format", "html",
                               "--out", str(tmp_path / "out")])
    assert html.exit_code == 0, html.output
    page = (tmp_path / "out" / "stocktake.html").read_text()
    # NI63 charted; NI62 has one value left to show, so no chart
    assert page.count("<svg") == 1 and "[c]" in page and "pooled" in page
    xlsx = runner.invoke(app, ["stocktake", *paths, "--year", "2025", "--format", "xlsx",
                               "--out", str(tmp_path / "out")])
    assert xlsx.exit_code == 0, xlsx.output
    sheet = pl.read_excel(tmp_path / "out" / "stocktake.xlsx", sheet_name="Stocktake")
    assert "[c]" in sheet["numerator"].to_list()


def test_returns_are_read_and_computed(tmp_path):
    for la in ("E09000001", "E09000002"):
        for year in (2023, 2024):
            write_csv(care_data((year,), Episodes=NI62_EPISODES), tmp_path / "in" / la / str(year))
    (tmp_path / "populations.csv").write_text("la,population\nE09000001,1000\n")
    result = runner.invoke(app, ["stocktake", str(tmp_path / "in"), "--year", "2024",
                                 "--out", str(tmp_path / "out"),
                                 "--populations", str(tmp_path / "populations.csv")])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "out" / "stocktake.csv", infer_schema_length=0)
    ni62 = table.filter(pl.col("indicator") == "NI62")
    # Each authority: 2 of 5 children (both small, hidden); pooled 4 of 10, also small
    assert ni62["numerator"].to_list() == ["[c]", "[c]", "[c]"]
    assert ni62["denominator"].to_list() == ["[c]", "[c]", "10"]
    # The rate per 10,000 needs a population: the first authority's is given (and public)
    rate = table.filter(pl.col("indicator") == "LAC_RATE")
    assert rate["denominator"].to_list() == ["1000", None, "1000"]
    assert rate["numerator"].to_list()[0] == "[c]"


def test_one_authority_or_the_same_one_twice_is_refused(tmp_path):
    paths = _results_files(tmp_path / "in")
    alone = runner.invoke(app, ["stocktake", str(paths[0]), "--year", "2025",
                                "--out", str(tmp_path / "out")])
    assert alone.exit_code == 1 and "at least two" in alone.output
    twice = runner.invoke(app, ["stocktake", str(paths[1]), str(paths[1]), "--year", "2025",
                                "--out", str(tmp_path / "out")])
    assert twice.exit_code == 1 and "read twice" in twice.output


def test_synthetic_authorities_publish_no_small_counts(tmp_path):
    from carematters.synth import generate, write

    # Four small synthetic authorities, computed from their returns (a few seconds)
    write(generate(300, 3, seed=3, authorities=4), tmp_path / "in", "csv")
    result = runner.invoke(app, ["stocktake", str(tmp_path / "in"), "--year", "2025",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "out" / "stocktake.csv", infer_schema_length=0)
    for column in ("numerator", "denominator"):
        shown = table.filter(~pl.col(column).is_in(["", "[c]"]))[column].cast(pl.Float64)
        assert not shown.is_between(0.5, 5.5).any(), column
    assert (table["numerator"] == "[c]").any()
