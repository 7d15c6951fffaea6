"""Finding returns on disk: one return (a CSV folder or an XML file) or many (one per year).

Authorities keep their returns as a folder per collection year (`2024/`, `2025/`), and pooled
stocktakes one level deeper, a folder per authority (`E09000001/2025/`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from carematters.returns.csv import read_csv_files
from carematters.returns.detect import year_from_name
from carematters.returns.problems import Problem, ReadError, ReadResult
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
    xmls = _files(path, ".xml")
    if len(xmls) > 1:
        raise ReadError(f"{path} holds {len(xmls)} XML files; expected one return")
    files = xmls + _files(path, ".csv")
    if not files:
        raise ReadError(f"{path} holds no CSV or XML files")
    return files


def read_return(path: Path, *, year: int | None = None, la: str | None = None) -> ReadResult:
    """One return: a folder of CSV files (one year), one XML file, or a folder holding one."""
    path = Path(path)
    files = return_files(path)
    if year is None and path.is_dir():
        year = year_from_name(path)
    if files[0].suffix.lower() != ".xml":
        return read_csv_files(files, year=year, la=la)
    result = read_xml(files[0], year=year, la=la)
    if len(files) == 1:
        return result
    # The DfE XML carries only the return's own tables; the extension tables (visits, health
    # assessments...) sit beside it as CSV files, as `carematters synth --format xml` writes them.
    extras = read_csv_files(files[1:], year=result.data.years[-1] if result.data.years else year, la=la)
    clashes = sorted(set(result.data.tables) & set(extras.data.tables))
    problems = result.problems + extras.problems + [
        Problem(
            file=files[0].name, row=None, column=None, value=name,
            expected="each table from one file",
            message=f"{name} is both in {files[0].name} and in a CSV file; the XML copy is used",
        )
        for name in clashes
    ]
    extra_tables = {n: f for n, f in extras.data.tables.items() if n not in clashes}
    return ReadResult(result.data.with_tables(**extra_tables), problems)


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
