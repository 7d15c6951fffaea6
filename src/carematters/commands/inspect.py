"""`carematters inspect`: what a return holds, the headline counts, and what could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table as RichTable

from carematters.commands._common import console
from carematters.commands._reading import locate, read_all
from carematters.data.caredata import CareData
from carematters.data.episodes import (
    ceased_in_year,
    drop_short_breaks,
    looked_after_at_year_end,
    started_in_year,
)
from carematters.data.schema import tables_in_year
from carematters.returns import ReadResult

PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class ReturnSummary:
    la: str | None
    year: int | None
    rows: dict[str, int]
    #: (looked after at 31 March, started in the year, ceased in the year); None without a year.
    children: tuple[int, int, int] | None
    problems: list[str]


def headline_counts(data: CareData, year: int) -> tuple[int, int, int]:
    """Children looked after at 31 March, started and ceased in the year (spec §1.1).

    Short breaks (V3/V4) are removed first, as in every published DfE count.
    """
    episodes = drop_short_breaks(data["Episodes"])
    return (
        looked_after_at_year_end(episodes, year).height,
        started_in_year(episodes, year).height,
        ceased_in_year(episodes, year).height,
    )


def summarise(result: ReadResult) -> ReturnSummary:
    data = result.data
    year = data.years[-1] if data.years else None
    names = [t.name for t in tables_in_year(year)]
    names += [name for name in data.tables if name not in names]
    return ReturnSummary(
        la=data.la,
        year=year,
        rows={name: data[name].height for name in names},
        children=headline_counts(data, year) if year is not None else None,
        problems=[str(p) for p in result.problems],
    )


def _rows_table(summary: ReturnSummary) -> RichTable:
    rows = RichTable(title="Rows per table", title_justify="left")
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for name, count in summary.rows.items():
        rows.add_row(name, f"{count:,}", style="dim" if count == 0 else None)
    return rows


def _children_table(counts: tuple[int, int, int]) -> RichTable:
    children = RichTable(title="Children (short breaks excluded)", title_justify="left")
    children.add_column("measure")
    children.add_column("children", justify="right")
    for label, count in zip(("looked after at 31 March", "started in the year", "ceased in the year"), counts, strict=True):
        children.add_row(label, f"{count:,}")
    return children


def show(summary: ReturnSummary, source: str) -> None:
    title = " ".join(part for part in (summary.la, str(summary.year or "year unknown")) if part)
    console.rule(f"[bold]{title}")
    console.print(f"[dim]{source}[/dim]", highlight=False)
    console.print(_rows_table(summary))
    if summary.children is not None:
        console.print(_children_table(summary.children))
    count = len(summary.problems)
    if not count:
        console.print("[green]No problems reading the files.[/green]")
        return
    console.print(f"[bold yellow]{count:,} problem{'s' if count != 1 else ''}[/bold yellow]"
                  + (f" (first {PROBLEMS_SHOWN} shown)" if count > PROBLEMS_SHOWN else ""))
    for line in summary.problems[:PROBLEMS_SHOWN]:
        console.print(f"  • {line}", highlight=False, markup=False)


def inspect(
    path: Annotated[Path, typer.Argument(help="A folder of CSV files, an XML file, or a folder of year folders (2024/, 2025/ ...), optionally one folder per authority above them.")],
    year: Annotated[int | None, typer.Option("--year", help="Collection year (the year ending 31 March). Picks one year from a multi-year folder; for a single return, overrides the year read from folder names or dates.")] = None,
) -> None:
    """Summarise an SSDA903 return: rows per table, children looked after, started and ceased, and every problem found reading it."""
    for location, result in read_all(locate(path, year), year):
        show(summarise(result), str(location.path))


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)
