"""Loading a folder of returns plus extension tables for the grip commands (`report`, `due`).

The folder holds one sub-folder per collection year, `<year>/<Table>.csv`, as `carematters synth`
writes it. The SSDA903 readers (`carematters.returns`) are used when they are installed; the
extension tables (Visits, PEPs, …) and, without those readers, every table are read here as
DfE-style CSV: a header row, dates as dd/mm/yyyy, blanks as nulls.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from datetime import date, datetime
from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData, combine_years
from carematters.data.schema import TABLES, Table
from carematters.data.years import year_end


class LoadError(ValueError):
    pass


def read_table_csv(path: Path, table: Table) -> pl.DataFrame:
    """One CSV as a typed frame of `table`; columns the file lacks come back null."""
    raw = pl.read_csv(path, infer_schema=False)
    columns = []
    for name, dtype in table.polars_schema().items():
        if name not in raw.columns:
            columns.append(pl.lit(None, dtype).alias(name))
            continue
        text = pl.col(name).str.strip_chars().replace("", None)
        if dtype == pl.Date():
            columns.append(text.str.to_date("%d/%m/%Y", strict=False).alias(name))
        else:
            columns.append(text.cast(dtype, strict=False).alias(name))
    return raw.select(columns)


def _year_folders(path: Path) -> dict[int, Path]:
    folders = {int(p.name): p for p in path.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)}
    if not folders:
        raise LoadError(f"{path} has no <year> folders (expected e.g. {path}/2025/Episodes.csv)")
    return folders


def _read_with_returns(folder: Path) -> dict[str, pl.DataFrame]:
    returns = importlib.import_module("carematters.returns")
    tables: dict[str, pl.DataFrame] = {}
    for result in returns.read_returns(folder):
        tables.update(result.data.tables)
    return tables


def load_years(path: Path) -> dict[int, CareData]:
    """Each collection year's data, keyed by year."""
    use_returns = importlib.util.find_spec("carematters.returns") is not None
    by_year = {}
    for year, folder in sorted(_year_folders(path).items()):
        tables = _read_with_returns(folder) if use_returns else {}
        for name, table in TABLES.items():
            csv = folder / f"{name}.csv"
            if name not in tables and csv.exists():
                tables[name] = read_table_csv(csv, table)
        by_year[year] = CareData(tables, years=(year,), source=str(folder))
    return by_year


def combined_up_to(by_year: dict[int, CareData], year: int) -> CareData:
    chosen = [data for y, data in by_year.items() if y <= year]
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
