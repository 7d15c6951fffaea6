"""Finding returns on disk: one return (a CSV folder or an XML file) or many (one per year).

Authorities keep their returns as a folder per collection year (`2024/`, `2025/`), and pooled
stocktakes one level deeper, a folder per authority (`E09000001/2025/`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from carematters.returns.csv import read_csv_files
from carematters.returns.detect import year_from_name
from carematters.returns.problems import ReadError, ReadResult
from carematters.returns.xml import read_xml


@dataclass(frozen=True)
class ReturnLocation:
    """Where one return is, with the year and authority its folders are named after."""

    path: Path
    year: int | None = None
    la: str | None = None


def _files(folder: Path, suffix: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == suffix)


def return_files(path: Path) -> list[Path]:
    """The files one return is read from: the XML file, or the folder's CSV files."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path} does not exist")
    if path.is_file():
        if path.suffix.lower() not in (".xml", ".csv"):
            raise ReadError(f"{path.name} is not a CSV or XML return")
        return [path]
    csvs = _files(path, ".csv")
    if csvs:
        return csvs
    xmls = _files(path, ".xml")
    if len(xmls) == 1:
        return xmls
    if len(xmls) > 1:
        raise ReadError(f"{path} holds {len(xmls)} XML files; expected one return")
    raise ReadError(f"{path} holds no CSV or XML files")


def read_return(path: Path, *, year: int | None = None, la: str | None = None) -> ReadResult:
    """One return: a folder of CSV files (one year), one XML file, or a folder holding one."""
    path = Path(path)
    files = return_files(path)
    if year is None and path.is_dir():
        year = year_from_name(path)
    if files[0].suffix.lower() == ".xml":
        return read_xml(files[0], year=year, la=la)
    return read_csv_files(files, year=year, la=la)


def _year_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and year_from_name(p) is not None)


def find_returns(path: Path) -> list[ReturnLocation]:
    """Every return under `path`, sorted by (authority, year).

    `path` may be one return, a folder of year folders, or a folder of authority folders each
    holding year folders.
    """
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path} does not exist")
    if path.is_file():
        return [ReturnLocation(path, year_from_name(path))]
    years = _year_folders(path)
    if years:
        return [ReturnLocation(p, year_from_name(p)) for p in years]
    nested = [
        ReturnLocation(p, year_from_name(p), authority.name)
        for authority in sorted(q for q in path.iterdir() if q.is_dir())
        for p in _year_folders(authority)
    ]
    if nested:
        return sorted(nested, key=lambda r: (r.la or "", r.year or 0))
    return_files(path)  # a plain single-year folder, or ReadError saying why not
    return [ReturnLocation(path, year_from_name(path))]


def read_returns(path: Path) -> list[ReadResult]:
    """Every return under `path` (see find_returns), sorted by (authority, year)."""
    results = [read_return(r.path, year=r.year, la=r.la) for r in find_returns(path)]
    return sorted(results, key=lambda r: (r.data.la or "", r.data.years[-1] if r.data.years else 0))
