"""Loading a folder of returns plus extension tables for the grip commands (`report`, `due`).

The folder holds one sub-folder per collection year (`<year>/<Table>.csv`, or the DfE XML beside
extension-table CSVs), as `carematters synth` writes it; `carematters.returns` reads it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData, combine_years
from carematters.data.years import year_end
from carematters.returns import ReadError, read_returns


class LoadError(ValueError):
    pass


def load_years(path: Path) -> dict[int, CareData]:
    """Each collection year's data, keyed by year (one authority)."""
    try:
        results = read_returns(path)
    except ReadError as error:
        raise LoadError(str(error)) from None
    by_year = {r.data.years[-1]: r.data for r in results if r.data.years}
    if not by_year:
        raise LoadError(f"no return with a known collection year under {path}")
    if len({data.la for data in by_year.values() if data.la}) > 1:
        raise LoadError(f"{path} holds several authorities; point at one authority's folder")
    return by_year


def combined_up_to(by_year: dict[int, CareData], year: int) -> CareData:
    """Every return up to `year` as one store, so clocks can see earlier reviews and visits."""
    chosen = [data for y, data in sorted(by_year.items()) if y <= year]
    if not chosen:
        raise LoadError(f"no data for {year} or earlier (have {sorted(by_year)})")
    return combine_years(chosen)


def default_as_at(year: int, today: date) -> date:
    """Reports on a past year are as at its 31 March; on the current year, as at today."""
    return min(today, year_end(year))


def parse_date(text: str) -> date:
    """dd/mm/yyyy (as in the DfE files) or yyyy-mm-dd."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise LoadError(f"not a date: {text!r} (use dd/mm/yyyy)")


def read_teams(path: Path | None) -> dict[str, str]:
    """A worker-to-team map from a CSV with columns SW_ID and TEAM."""
    if path is None:
        return {}
    frame = pl.read_csv(path, infer_schema=False)
    missing = {"SW_ID", "TEAM"} - set(frame.columns)
    if missing:
        raise LoadError(f"{path} needs columns SW_ID and TEAM (missing {', '.join(sorted(missing))})")
    return dict(frame.select("SW_ID", "TEAM").rows())
