"""What the readers report instead of crashing: one `Problem` per thing they could not read cleanly.

DESIGN.md: bad input never crashes and never loses data. A reader keeps every row it can, turns
an unreadable value into a null, and says where it was (file, row, column), what it held and
what was expected, so an analyst can find and fix it in the source system.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import polars as pl

from carematters.data.caredata import CareData


@dataclass(frozen=True)
class Problem:
    """One thing a reader could not read cleanly.

    `row` is the 1-based data row in the file (header excluded) for CSV files and the line of the
    record's element for XML files; None for a problem about the whole file or a whole column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" {'line' if self.file.lower().endswith('.xml') else 'row'} {self.row}"
        if self.column is not None:
            where += f"{',' if self.row is not None else ''} column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ReadResult:
    data: CareData
    problems: list[Problem] = field(default_factory=list)
    #: The file each table was read from (its first file, if several), to name it in messages.
    files: dict[str, str] = field(default_factory=dict)


class ReadError(Exception):
    """Nothing at all could be read: the path is missing or holds no return."""


PROBLEM_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "row": pl.Int64(),
    "column": pl.String(),
    "value": pl.String(),
    "expected": pl.String(),
    "message": pl.String(),
}


def problems_frame(problems: Iterable[Problem]) -> pl.DataFrame:
    """The problems as a frame (one row each), for filtering, counting and export."""
    return pl.DataFrame([asdict(p) for p in problems], schema=PROBLEM_SCHEMA, orient="row")
