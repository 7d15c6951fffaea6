"""Reading returns for the commands, with a progress bar and a clean exit on bad paths."""

from __future__ import annotations

from pathlib import Path

import typer

from carematters.commands._common import err_console, track
from carematters.returns import (
    ReadError,
    ReadResult,
    ReturnLocation,
    find_returns,
    read_return,
    year_from_name,
)


def _read_one(location: ReturnLocation, year: int | None) -> ReadResult:
    year = year or location.year or (year_from_name(location.path) if location.path.is_dir() else None)
    return read_return(location.path, year=year, la=location.la)


def locate(path: Path, year: int | None) -> list[ReturnLocation]:
    """The returns under `path`; with `year`, only that year's when there are several."""
    try:
        locations = find_returns(path)
    except ReadError as error:
        fail(str(error))
    if year is not None and len(locations) > 1:
        locations = [loc for loc in locations if loc.year == year]
        if not locations:
            fail(f"no return for {year} under {path}")
    return locations


def read_all(locations: list[ReturnLocation], year: int | None) -> list[tuple[ReturnLocation, ReadResult]]:
    """Read each return; a progress bar over the returns, or over one return's files."""
    try:
        return [
            (location, _read_one(location, year))
            for location in track(locations, "Reading returns", total=len(locations))
        ]
    except ReadError as error:
        fail(str(error))


def fail(message: str) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code=1)
