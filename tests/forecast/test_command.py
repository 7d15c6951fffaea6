"""The forecast command end to end on a constructed history (readers stubbed by `load`)."""

from datetime import date

import polars as pl
import typer
from typer.testing import CliRunner

from carematters.commands import forecast as command
from carematters.data import CareData
from tests.forecast.history import simulate

EPISODES, HEADER = simulate(
    {"foster_in_house": 40, "foster_ifa": 20, "residential_external": 5},
    {("foster_in_house", "foster_ifa"): 0.2},
    {"foster_in_house": 0.5, "foster_ifa": 0.4, "residential_external": 0.3},
    date(2016, 4, 1), date(2021, 3, 31), seed=3,
)
DATA = CareData({"Episodes": EPISODES, "Header": HEADER}, la="E10000001", years=(2020, 2021))

# A group app of our own, so `forecast` is a sub-command however many others exist.
app = typer.Typer()
app.callback()(lambda: None)
command.register(app)

SCENARIO = """
name = "Fewer residential entries"
[[adjust]]
kind = "entries"
placement = "residential_external"
multiply = 0.9

[[adjust]]
kind = "shift"
from = "foster_ifa"
to = "foster_in_house"
share = 0.05
"""


def test_the_command_writes_the_forecast_and_charts(tmp_path, monkeypatch):
    monkeypatch.setattr(command, "load", lambda paths: DATA)
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(SCENARIO)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "forecast", str(tmp_path), "--months", "12", "--scenario", str(scenario),
        "--out", str(out), "--backtest", "--backtest-years", "1", "--draws", "10",
    ])
    assert result.exit_code == 0, result.output
    frame = pl.read_csv(out / "forecast.csv", try_parse_dates=True)
    assert frame.columns == ["date", "age_band", "placement", "expected", "lower", "upper"]
    assert frame["date"].min() == date(2021, 3, 31)
    assert frame["date"].max() == date(2022, 3, 31)
    for name in ("forecast.svg", "forecast_by_placement.svg", "forecast.xlsx",
                 "sufficiency.html", "backtest.csv", "cost_table.csv"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "forecast.svg").read_text().startswith("<?xml")
    assert "Scenario change, year 1" in result.output


def test_a_bad_scenario_file_is_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.setattr(command, "load", lambda paths: DATA)
    bad = tmp_path / "bad.json"
    bad.write_text('{"adjust": [{"kind": "entries", "placement": "castle"}]}')
    result = CliRunner().invoke(app, ["forecast", str(tmp_path), "--scenario", str(bad)])
    assert result.exit_code == 1
    assert "unknown placement" in result.output


def test_an_edited_cost_table_round_trips(tmp_path):
    table = command.CostTable.default().with_cost("weekly", "foster_ifa", 990.0, date(2025, 4, 1))
    path = tmp_path / "costs.csv"
    path.write_text(table.frame.write_csv())
    assert command.read_costs(path).frame.sort("kind", "item", "valid_from").equals(
        table.frame.sort("kind", "item", "valid_from"))
