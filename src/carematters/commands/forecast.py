"""`carematters forecast`: project the care population, with bands, scenario, costs and backtest."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer
from rich.table import Table

from carematters.commands._common import console, err_console
from carematters.costs import (
    GROUPS,
    CostResult,
    CostTable,
    current_population_cost,
    year_costs,
)
from carematters.data.caredata import CareData, combine_years
from carematters.data.years import collection_year_of, year_end
from carematters.forecast import BASE, Scenario, Settings, scenario_from_mapping
from carematters.forecast.backtest import Backtest
from carematters.forecast.costing import forecast_costs, scenario_cost_change
from carematters.forecast.engine import ALL, Forecast, data_end
from carematters.forecast.plan import plan
from carematters.reports.forecast import forecast_chart, forecast_workbook, sufficiency_section

CSV_COLUMNS = ["date", "age_band", "placement", "expected", "lower", "upper"]


@dataclass(frozen=True)
class Options:
    settings: Settings
    scenario: Scenario = BASE
    costs: CostTable | None = None
    districts: tuple[str, ...] | None = None
    backtest_years: int = 0


def read_scenario(path: Path) -> Scenario:
    """A scenario from a .toml, .json or .yaml file (see docs/forecast.md)."""
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    raw: Any
    if suffix == ".toml":
        raw = tomllib.loads(text)
    elif suffix == ".json":
        raw = json.loads(text)
    elif suffix in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as missing:
            raise ValueError("YAML scenarios need PyYAML; use TOML or JSON instead") from missing
        raw = yaml.safe_load(text)
    else:
        raise ValueError(f"scenario files are .toml, .json or .yaml, not {path.name}")
    return scenario_from_mapping(raw or {}, GROUPS)


def read_costs(path: Path) -> CostTable:
    return CostTable.from_frame(pl.read_csv(path, infer_schema_length=0).with_columns(
        pl.col("cost").cast(pl.Float64), pl.col("price_year").cast(pl.Int32)))


def load(paths: list[Path]) -> CareData:
    """Every return under the paths, combined into one multi-year CareData."""
    from carematters.returns import read_returns

    results = [result for path in paths for result in read_returns(path)]
    return combine_years([result.data for result in results])


@dataclass(frozen=True)
class Outcome:
    base: Forecast
    chosen: Forecast
    costs: pl.DataFrame
    cost_change: pl.DataFrame | None
    sufficiency: pl.DataFrame
    backtest: Backtest | None
    cost_table: CostTable
    history: pl.DataFrame
    current_costs: pl.DataFrame     # children in care at the origin, at their weekly rates
    last_year_costs: CostResult     # the last collection year, day-accurate


def run(data: CareData, options: Options) -> Outcome:
    """Everything the command computes, without printing or writing."""
    costs = options.costs or CostTable.default(data.la)
    origin = data_end(data)
    found = plan(data, origin, options.settings, options.scenario,
                 backtest_years=options.backtest_years, districts=options.districts)
    if found.backtest_problem:
        raise ValueError(found.backtest_problem)
    base, chosen = found.base, found.chosen
    change = None if chosen is base else scenario_cost_change(base, chosen, costs)
    return Outcome(base, chosen, forecast_costs(chosen, costs), change, found.sufficiency,
                   found.backtest, costs, found.history,
                   current_population_cost(data, costs, origin),
                   year_costs(data, costs, _last_full_year(origin)))


def _last_full_year(origin: date) -> int:
    """The latest collection year that has ended by `origin`."""
    year = collection_year_of(origin)
    return year if origin == year_end(year) else year - 1


def write(outcome: Outcome, out: Path) -> list[Path]:
    """forecast.csv, charts, workbook and sufficiency fragment into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    frame = outcome.chosen.frame().select(CSV_COLUMNS)
    files = {
        "forecast.csv": frame.write_csv(),
        "forecast.svg": forecast_chart(outcome.chosen, history=outcome.history),
        "forecast_by_placement.svg": forecast_chart(
            outcome.chosen, _busiest(outcome.chosen), history=outcome.history),
        "sufficiency.html": sufficiency_section(outcome.sufficiency),
        # The table used, so an authority can edit it and pass it back with --costs.
        "cost_table.csv": outcome.cost_table.frame.write_csv(),
    }
    sheets = {"forecast": frame, "costs": outcome.costs, "sufficiency": outcome.sufficiency,
              "current costs": outcome.current_costs,
              "last year by placement": outcome.last_year_costs.by_group,
              "last year by process": outcome.last_year_costs.by_process}
    if outcome.cost_change is not None:
        sheets["scenario costs"] = outcome.cost_change
    if outcome.backtest is not None:
        sheets["backtest"] = outcome.backtest.summary
        sheets["backtest detail"] = outcome.backtest.detail
        files["backtest.csv"] = outcome.backtest.summary.write_csv()
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    (out / "forecast.xlsx").write_bytes(forecast_workbook(sheets))
    written.append(out / "forecast.xlsx")
    return written


def _busiest(fc: Forecast, n: int = 5) -> list[str]:
    at_origin = fc.frame().filter(
        (pl.col("date") == fc.origin) & (pl.col("age_band") == ALL) & (pl.col("placement") != ALL)
    )
    return at_origin.sort("expected", descending=True).head(n)["placement"].to_list()


def _summary_table(fc: Forecast) -> Table:
    table = Table(title=f"Children in care from {fc.origin} ({fc.scenario.name})")
    table.add_column("placement")
    steps = [k for k in (0, 6, 12, 24) if k < len(fc.dates)]
    for k in steps:
        table.add_column(f"{fc.dates[k]}" + ("" if k == 0 else f" (+{k}m)"), justify="right")
    frame = fc.frame().filter(pl.col("age_band") == ALL)
    for placement in (*fc.groups, ALL):
        rows = frame.filter(pl.col("placement") == placement)
        cells = [f"{rows['expected'][k]:.0f} ({rows['lower'][k]:.0f}–{rows['upper'][k]:.0f})"
                 if k else f"{rows['expected'][k]:.0f}" for k in steps]
        table.add_row(placement, *cells)
    return table


def _print_costs(outcome: Outcome) -> None:
    current = outcome.current_costs
    console.print(f"In care at {outcome.base.origin}: {current.height:,} children, "
                  f"£{current['WEEKLY_COST'].sum():,.0f} a week, "
                  f"£{current['ANNUAL_COST'].sum():,.0f} a year at current rates")
    last = outcome.last_year_costs
    console.print(f"Collection year to {last.end}: £{last.total:,.0f}")
    if last.unset:
        console.print(f"[yellow]Unset costs (counted as £0): {', '.join(last.unset)}[/yellow]")


def _print(outcome: Outcome) -> None:
    _print_costs(outcome)
    console.print(_summary_table(outcome.chosen))
    yearly = outcome.costs.group_by("forecast_year").agg(pl.col("cost").sum()).sort("forecast_year")
    for year, cost in yearly.rows():
        console.print(f"Forecast year {year}: placement costs £{cost:,.0f}")
    if outcome.cost_change is not None:
        change = outcome.cost_change.group_by("forecast_year").agg(pl.col("change").sum())
        for year, delta in change.sort("forecast_year").rows():
            console.print(f"Scenario change, year {year}: £{delta:+,.0f}")
    if outcome.backtest is not None:
        table = Table(title="Backtest: error by placement and horizon")
        for column in ("horizon", "placement", "origins", "mae", "mape", "coverage",
                       "no_change_mae"):
            table.add_column(column, justify="right")
        for row in outcome.backtest.summary.iter_rows():
            table.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row])
        console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("forecast")
    def forecast_command(
        paths: Annotated[list[Path], typer.Argument(help="folders of yearly returns", exists=True)],
        months: Annotated[int, typer.Option(help="months to project")] = 24,
        scenario: Annotated[Path | None, typer.Option(help="scenario file (.toml/.json/.yaml)",
                                                      exists=True)] = None,
        out: Annotated[Path | None, typer.Option(help="write forecast.csv, charts, xlsx here")] = None,
        with_backtest: Annotated[bool, typer.Option("--backtest", help="score past forecasts")] = False,
        backtest_years: Annotated[int, typer.Option(help="origins to rewind to")] = 3,
        reference_months: Annotated[int, typer.Option(help="months of history to learn from")] = 24,
        draws: Annotated[int, typer.Option(help="parameter draws for the bands")] = 100,
        costs: Annotated[Path | None, typer.Option(help="cost table CSV", exists=True)] = None,
        districts: Annotated[str | None, typer.Option(help="own postcode districts, comma-separated")] = None,
    ) -> None:
        """Forecast the care population by age band and placement type, with bands."""
        try:
            options = Options(
                settings=Settings(months=months, reference_months=reference_months, draws=draws),
                scenario=read_scenario(scenario) if scenario else BASE,
                costs=read_costs(costs) if costs else None,
                districts=tuple(d.strip().upper() for d in districts.split(",")) if districts else None,
                backtest_years=backtest_years if with_backtest else 0,
            )
            data = load(paths)
            if data["Episodes"].is_empty():
                raise ValueError("no episodes found under the given paths")
            outcome = run(data, options)
        except (ValueError, OSError) as problem:
            err_console.print(f"[red]forecast: {problem}[/red]")
            raise typer.Exit(1) from problem
        _print(outcome)
        if out is not None:
            for path in write(outcome, out):
                console.print(f"wrote {path}")
