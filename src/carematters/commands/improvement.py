"""`carematters improvement`: an improvement plan's progress against the indicators."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from carematters.commands._common import console, err_console
from carematters.commands._reading import fail, locate, read_all
from carematters.commands.indicators import by_authority
from carematters.commands.stocktake import read_results
from carematters.commands.synth import parse_as_at
from carematters.improvement import PlanError, loads, priority_summary, progress
from carematters.improvement.plan import Plan
from carematters.indicators import Parameters, all_indicators, results_frame
from carematters.indicators.trends import run_years
from carematters.reports import improvement as report

RAG_STYLES = {"green": "green", "amber": "yellow", "red": "red", "grey": "dim"}


class Format(StrEnum):
    html = "html"
    xlsx = "xlsx"


def read_plan(path: Path) -> Plan:
    try:
        return loads(path.read_text(encoding="utf-8"), set(all_indicators()))
    except (OSError, PlanError) as error:
        fail(f"{path}: {error}")


def plan_results(plan: Plan, path: Path, year: int, params: Parameters) -> pl.DataFrame:
    """The plan's indicators for its years: from a results CSV, or computed from returns."""
    if path.is_file() and path.suffix.lower() == ".csv":
        return read_results(path)
    if path.is_dir() and (path / "indicators.csv").is_file():
        return read_results(path / "indicators.csv")
    read = [result.data for _, result in read_all(locate(path, None), None)]
    authorities = by_authority(read)
    data = authorities.get(plan.authority)
    if data is None:
        if len(authorities) > 1:
            fail(f"no returns for {plan.authority}; found {', '.join(authorities)}")
        data = next(iter(authorities.values()))
    first = plan.first_year() or year
    years = [y for y in range(first, year + 1) if not data.years or y in data.years]
    return results_frame(run_years(data, years, ids=plan.indicators(), params=params))


def _table(actions: pl.DataFrame) -> Table:
    table = Table(title="Improvement plan: progress")
    for column in ("action", "title", "due", "indicator", "progress"):
        table.add_column(column, no_wrap=column != "title")
    for r in actions.iter_rows(named=True):
        due = r["due"].isoformat() + ("\n[red]overdue[/]" if r["overdue"] else "")
        table.add_row(r["action"], r["title"], due, r["indicator"] or "",
                      f"[{RAG_STYLES[r['rag']]}]{r['progress']}[/]")
    return table


def improvement(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help="The plan (TOML).")],
    path: Annotated[Path, typer.Argument(help="The authority's returns (a folder of years) or "
                                         "its indicator results (CSV).")],
    year: Annotated[int, typer.Option(help="Latest collection year to judge progress on.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.html,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("."),
    as_at: Annotated[str | None, typer.Option("--as-at", metavar="DATE",
                                              help="Day to judge overdue actions on (YYYY-MM-DD, default today).")] = None,
    population: Annotated[int | None, typer.Option(help="Children under 18 in the authority (for LAC_RATE).")] = None,
) -> None:
    """Progress of an improvement plan: RAG per action, overdue actions, trend charts."""
    plan = read_plan(plan_path)
    if not path.exists():
        fail(f"{path} does not exist")
    day = parse_as_at(as_at) or date.today()
    results = plan_results(plan, path, year, Parameters(population=population))
    if "la" in results.columns and results["la"].n_unique() > 1:
        results = results.filter(pl.col("la") == plan.authority)
        if results.is_empty():
            fail(f"{path} holds no results for the plan's authority {plan.authority}")
    actions = progress(plan, results, year, day)
    summary = priority_summary(actions)
    out.mkdir(parents=True, exist_ok=True)
    if fmt is Format.xlsx:
        written = report.write_workbook(out / "improvement.xlsx", actions, summary)
    else:
        written = out / "improvement.html"
        written.write_text(report.html_report(plan, actions, summary, results, year=year,
                                              as_at=day), encoding="utf-8")
    console.print(_table(actions))
    err_console.print(f"{actions['overdue'].sum()} actions overdue; wrote {written}")


def register(app: typer.Typer) -> None:
    app.command("improvement")(improvement)
