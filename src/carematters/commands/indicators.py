"""`carematters indicators`: the performance framework from a folder of returns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from carematters.commands._common import console, err_console, track
from carematters.commands._reading import fail, locate, read_all
from carematters.data.caredata import CareData, combine_years
from carematters.indicators import Parameters, results_frame
from carematters.indicators.benchmarks import compare, raise_to_mean
from carematters.indicators.trends import run_years, with_targets
from carematters.reports import indicators as report


class Format(StrEnum):
    csv = "csv"
    html = "html"
    xlsx = "xlsx"
    pdf = "pdf"


def parse_years(text: str) -> list[int]:
    """'2021-2025' or '2021,2023' -> years."""
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", text)
    if match:
        first, last = int(match[1]), int(match[2])
        if last < first:
            raise typer.BadParameter(f"{text}: the range ends before it starts")
        return list(range(first, last + 1))
    try:
        return sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise typer.BadParameter(f"{text}: expected YYYY-YYYY or YYYY,YYYY") from None


def by_authority(returns: Sequence[CareData]) -> dict[str, CareData]:
    """Each authority's returns combined into one multi-year CareData."""
    grouped: dict[str, list[CareData]] = {}
    for data in returns:
        grouped.setdefault(data.la or "", []).append(data)
    return {la: combine_years(items) for la, items in sorted(grouped.items())}


def compute_all(authorities: dict[str, CareData], years: Sequence[int],
                params: Parameters) -> pl.DataFrame:
    frames = []
    for la, data in track(authorities.items(), "Computing indicators", total=len(authorities)):
        # A year the authority sent no return for would read as "no children": leave it out.
        held = [y for y in years if not data.years or y in data.years]
        frame = results_frame(run_years(data, held, params=params))
        frames.append(frame.with_columns(pl.lit(la or None, pl.String()).alias("la")))
    return pl.concat(frames)


def write_outputs(results: pl.DataFrame, out: Path, fmt: Format, *, year: int, la: str | None,
                  targets: pl.DataFrame | None = None, suppress: bool = False,
                  notes: Sequence[str] = ()) -> list[Path]:
    """Write the chosen format for authority `la` (others, if any, become its benchmarks)."""
    out.mkdir(parents=True, exist_ok=True)
    several = results["la"].n_unique() > 1
    mine = results.filter(pl.col("la").eq_missing(la)) if several else results
    if targets is not None:
        mine = with_targets(mine, targets)
    written: list[Path] = []
    if several:
        for name, frame in (("benchmarks.csv", compare(results)),
                            ("raise_to_mean.csv", raise_to_mean(results))):
            frame.write_csv(out / name)
            written.append(out / name)
    if fmt is Format.csv:
        path = out / "indicators.csv"
        report.csv_frame(mine).write_csv(path)
    elif fmt is Format.xlsx:
        path = report.write_workbook(out / "indicators.xlsx", mine, year=year,
                                     benchmarks=compare(results) if several else None,
                                     targets=targets, suppress=suppress)
    else:
        page = report.html_report(mine, year=year, la=la, suppress=suppress, notes=notes,
                                  benchmarks=results if several else None)
        if fmt is Format.html:
            path = out / "report.html"
            path.write_text(page, encoding="utf-8")
        else:
            path = out / "report.pdf"
            path.write_bytes(report.pdf_report(page))
    return [path, *written]


def _summary(results: pl.DataFrame, year: int) -> Table:
    table = Table(title=f"Indicators, year ending 31 March {year}")
    table.add_column("indicator", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=50)
    for column in ("value", "numerator", "denominator"):
        table.add_column(column, justify="right", no_wrap=True)
    shown = report.indicator_table(results.filter(pl.col("year") == year))
    for row in shown.filter(pl.col("value") != "").iter_rows(named=True):
        table.add_row(row["indicator"], row["title"], row["value"], row["numerator"],
                      row["denominator"])
    return table


def indicators(
    paths: Annotated[list[Path], typer.Argument(help="Folders of returns (a sub-folder per year).")],
    year: Annotated[int | None, typer.Option(help="Collection year of the report (ends 31 March).")] = None,
    years: Annotated[str | None, typer.Option(help="Years for trends, e.g. 2021-2025.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.csv,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("."),
    population: Annotated[int | None, typer.Option(help="Children under 18 in the authority.")] = None,
    districts: Annotated[str | None, typer.Option(help="The authority's postcode districts, comma-separated (for out-of-area placements).")] = None,
    la: Annotated[str | None, typer.Option(help="Authority to report on when several are read.")] = None,
    targets: Annotated[Path | None, typer.Option(help="CSV of local targets: indicator,year,target.")] = None,
    suppress: Annotated[bool, typer.Option(help="Hide counts 1-5 and what would reveal them.")] = False,
) -> None:
    """Compute every indicator from child-level returns: csv, html, xlsx or pdf."""
    locations = [location for path in paths for location in locate(path, None)]
    read = [result for _, result in read_all(locations, None)]
    problems = sum(len(r.problems) for r in read)
    if problems:
        err_console.print(f"{problems} problems found while reading; run `carematters validate`.")
    authorities = by_authority([r.data for r in read])
    if la is not None and la not in authorities:
        fail(f"no returns for authority {la}; found {', '.join(a or '(none)' for a in authorities)}")
    available = sorted({y for d in authorities.values() for y in d.years})
    chosen = parse_years(years) if years else [year or available[-1]]
    report_year = year or chosen[-1]
    if report_year not in chosen:
        chosen = sorted({*chosen, report_year})
    params = Parameters(
        population=population,
        la_postcode_districts=frozenset(d.strip() for d in districts.split(",")) if districts else None,
    )
    results = compute_all(authorities, chosen, params)
    focus = la or next(iter(authorities)) or None
    target_frame = pl.read_csv(targets) if targets else None
    notes = [f"Computed from returns for {', '.join(map(str, available))}."]
    written = write_outputs(results, out, fmt, year=report_year, la=focus, targets=target_frame,
                            suppress=suppress, notes=notes)
    mine = results.filter(pl.col("la").eq_missing(focus)) if len(authorities) > 1 else results
    console.print(_summary(mine, report_year))
    for path in written:
        err_console.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("indicators")(indicators)
