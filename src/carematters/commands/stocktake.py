"""`carematters stocktake`: several authorities pooled into one table that is safe to publish."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from carematters.commands._common import console, err_console, track
from carematters.commands._reading import fail, locate, read_all
from carematters.commands.indicators import by_authority
from carematters.indicators import Parameters, results_frame
from carematters.indicators.results import RESULT_SCHEMA
from carematters.indicators.trends import run_years
from carematters.reports import stocktake as report
from carematters.stocktake import pool, suppress_pooled
from carematters.stocktake.pool import POOLED, RESULT_COLUMNS
from carematters.stocktake.suppression import DEFAULT_THRESHOLD


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


def _results_file(path: Path) -> Path | None:
    """The indicator results in `path`: a CSV file, or `indicators.csv` in a folder."""
    if path.is_file() and path.suffix.lower() == ".csv":
        return path
    inside = path / "indicators.csv"
    return inside if path.is_dir() and inside.is_file() else None


def read_results(path: Path) -> pl.DataFrame:
    """Computed results: `carematters indicators --format csv` output (named after its folder)
    or any CSV with la, indicator, year, numerator, denominator, value."""
    frame = pl.read_csv(path, infer_schema_length=None)
    missing = {"indicator", "year", "numerator", "denominator", "value"} - set(frame.columns)
    if missing:
        fail(f"{path} is not an indicator results file: no {', '.join(sorted(missing))}")
    if "la" not in frame.columns:
        la = path.parent.name if path.name == "indicators.csv" else path.stem
        frame = frame.with_columns(pl.lit(la).alias("la"))
    return frame.select(pl.col(c).cast(RESULT_SCHEMA[c]) for c in RESULT_COLUMNS)


def read_populations(path: Path) -> dict[str, int]:
    """`la,population` rows: each authority's children under 18 (for LAC_RATE)."""
    frame = pl.read_csv(path, schema_overrides={"la": pl.String()})
    if not {"la", "population"} <= set(frame.columns):
        fail(f"{path}: expected the columns la,population")
    return dict(zip(frame["la"], frame["population"].cast(pl.Int64), strict=True))


def read_regions(path: Path) -> dict[str, str]:
    """`la,region` rows: the region each authority is pooled into as well."""
    frame = pl.read_csv(path, infer_schema_length=0)
    if not {"la", "region"} <= set(frame.columns):
        fail(f"{path}: expected the columns la,region")
    return dict(zip(frame["la"], frame["region"], strict=True))


def compute(returns: list, year: int, populations: dict[str, int]) -> pl.DataFrame:
    """Each authority's indicators for `year`, with its own child population if known."""
    authorities = by_authority(returns)
    frames = []
    for la, data in track(authorities.items(), "Computing indicators", total=len(authorities)):
        params = Parameters(population=populations.get(la))
        frame = results_frame(run_years(data, [year], params=params))
        frames.append(frame.with_columns(pl.lit(la or None, pl.String()).alias("la")))
    return pl.concat(frames).select(RESULT_COLUMNS)


def gather(paths: list[Path], year: int,
           populations: dict[str, int] | None = None) -> pl.DataFrame:
    """Results files are read as they are; folders of returns are read and computed."""
    frames = []
    returns = []
    for path in paths:
        if not path.exists():
            fail(f"{path} does not exist")
        found = _results_file(path)
        if found is not None:
            frames.append(read_results(found))
        else:
            returns.extend(locate(path, None))
    if returns:
        read = [result.data for _, result in read_all(returns, None)]
        frames.append(compute(read, year, populations or {}))
    results = pl.concat(frames).filter(pl.col("year") == year)
    twice = results.filter(pl.struct("la", "indicator").is_duplicated())["la"].unique()
    if twice.len():
        fail(f"authority read twice: {', '.join(sorted(map(str, twice)))}")
    if results.is_empty():
        fail(f"no indicator results for {year}")
    return results


def _summary(table: pl.DataFrame, year: int) -> Table:
    shown = report.published_table(table.filter(pl.col("la") == POOLED), formatted=True)
    summary = Table(title=f"Pooled stocktake, year ending 31 March {year}")
    for column in ("indicator", "title", "numerator", "denominator", "value"):
        summary.add_column(column, justify="left" if column in ("indicator", "title") else "right",
                           no_wrap=True, overflow="ellipsis", max_width=50)
    for row in shown.filter(pl.col("value").is_not_null()).iter_rows(named=True):
        summary.add_row(row["indicator"], row["title"], row["numerator"], row["denominator"],
                        row["value"])
    return summary


def stocktake(
    paths: Annotated[list[Path], typer.Argument(help="Authorities: folders of returns (as "
                     "`synth` writes them) or indicator results CSV files.")],
    year: Annotated[int, typer.Option(help="Collection year (ends 31 March).")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.csv,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("."),
    threshold: Annotated[int, typer.Option(min=1, help="Hide counts from 1 to this.")] = DEFAULT_THRESHOLD,
    populations: Annotated[Path | None, typer.Option(help="CSV la,population: children under 18 "
                                                     "per authority, for the rate per 10,000.")] = None,
    regions: Annotated[Path | None, typer.Option(help="CSV la,region: pool each region too.")] = None,
) -> None:
    """Pool several authorities' indicators: pooled figures, ranks, quartiles, small counts hidden."""
    results = gather(paths, year, read_populations(populations) if populations else None)
    authorities = results["la"].n_unique()
    if authorities < 2:
        fail("a stocktake pools at least two authorities")
    err_console.print(f"Pooling {authorities} authorities; hiding counts 1-{threshold}.")
    try:
        pooled = pool(results, year, read_regions(regions) if regions else None)
    except ValueError as error:
        fail(str(error))
    table = suppress_pooled(pooled, threshold)
    out.mkdir(parents=True, exist_ok=True)
    if fmt is Format.csv:
        path = out / "stocktake.csv"
        report.csv_frame(table).write_csv(path)
    elif fmt is Format.xlsx:
        path = report.write_workbook(out / "stocktake.xlsx", table)
    else:
        ids = table["indicator"].unique(maintain_order=True).to_list()
        page = report.html_report(table, year=year, threshold=threshold,
                                  progress=lambda items: track(items, "Charting", len(ids)))
        path = out / "stocktake.html"
        path.write_text(page, encoding="utf-8")
    console.print(_summary(table, year))
    hidden = table.filter(~pl.col("pooled"))["value_hidden"].sum()
    err_console.print(f"{hidden} authority figures hidden; wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("stocktake")(stocktake)
