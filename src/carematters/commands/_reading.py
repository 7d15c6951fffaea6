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
    read_csv_files,
    read_xml,
    return_files,
    year_from_name,
)


def _read_one(location: ReturnLocation, year: int | None, show_files: bool) -> ReadResult:
    files = return_files(location.path)
    year = year or location.year or (year_from_name(location.path) if location.path.is_dir() else None)
    if files[0].suffix.lower() == ".xml":
        return read_xml(files[0], year=year, la=location.la)
    if show_files:
        return read_csv_files(
            track(files, f"Reading {location.path.name}", total=len(files)), year=year, la=location.la
        )
    return read_csv_files(files, year=year, la=location.la)


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
        if len(locations) == 1:
            return [(locations[0], _read_one(locations[0], year, show_files=True))]
        return [
            (location, _read_one(location, year, show_files=False))
            for location in track(locations, "Reading returns", total=len(locations))
        ]
    except ReadError as error:
        fail(str(error))


def fail(message: str) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code=1)
