"""From typed frames read out of files to one ReadResult: year, code checks, CareData."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import Table
from carematters.returns.detect import detect_year
from carematters.returns.parse import check_codes
from carematters.returns.problems import Problem, ReadResult


@dataclass(frozen=True)
class TablePiece:
    """One table's typed rows as read from one file (codes not yet checked)."""

    table: Table
    file: str
    frame: pl.DataFrame


def assemble(
    pieces: Sequence[TablePiece],
    problems: list[Problem],
    *,
    source: Path,
    year: int | None,
    la: str | None,
    stated_year: int | None = None,
) -> ReadResult:
    """Join the pieces per table, settle the year, check codes against it, and build CareData."""
    tables: dict[str, pl.DataFrame] = {}
    for piece in pieces:
        name = piece.table.name
        tables[name] = (
            # diagonal: one file may carry a supplied column (returns/supplied.py) another lacks
            pl.concat([tables[name], piece.frame], how="diagonal") if name in tables else piece.frame
        )
    year = detect_year(tables, given=year, path=source, stated=stated_year)
    problems = list(problems)
    if year is None and any(not frame.is_empty() for frame in tables.values()):
        problems.append(Problem(
            source.name, None, None, None, "a folder named after the year, or episode dates",
            "could not tell the collection year; codes checked against every year's lists",
        ))
    for piece in pieces:
        problems += check_codes(piece.frame, piece.table, piece.file, year)
    order = {piece.file: i for i, piece in enumerate(pieces)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.row is not None, p.row or 0))
    data = CareData(tables, la=la, years=(year,) if year else (), source=str(source))
    files: dict[str, str] = {}
    for piece in pieces:
        files.setdefault(piece.table.name, piece.file)
    return ReadResult(data, problems, files)
