"""SSDA903 CSV files: one file per table, header row of column names (spec §1.2).

Each file's table is recognised from its header, not its name, because authorities' systems
name the files every which way. Every cell is read as text and typed afterwards (parse.py), so
a bad value costs one cell, never the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import SOURCE_ROW, TABLES, Table, table
from carematters.returns.assemble import TablePiece, assemble
from carematters.returns.parse import parse_values
from carematters.returns.problems import Problem, ReadError, ReadResult
from carematters.returns.records import split
from carematters.returns.supplied import keep_supplied, supplied
from carematters.returns.text import decode

# Columns most tables share; a header made only of these does not say which table it is.
_SHARED = frozenset({"CHILD", "DOB", "SEX"})


def _normalise(name: str) -> str:
    return name.strip().upper()


def match_table(names: Iterable[str], stem: str = "") -> Table | None:
    """The table whose columns the header names best, or None when none (or no single one) fits.

    A table needs at least one of its own columns beyond CHILD, DOB and SEX, unless the file is
    named after it; the most matching columns wins, then the fewest missing.
    """
    present = {_normalise(n) for n in names}
    scored = []
    for candidate in TABLES.values():
        matched = present & set(candidate.column_names)
        named = stem.strip().lower() == candidate.name.lower()
        if not matched or not (matched - _SHARED or named):
            continue
        missing = len(candidate.columns) - len(matched)
        scored.append(((len(matched), named, -missing), candidate))
    if not scored:
        return None
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _drop_repeated_headers(frame: pl.DataFrame, header: list[str], file: str) -> tuple[pl.DataFrame, list[Problem]]:
    """Rows that repeat the header (files glued together with `cat`) are dropped and reported."""
    named = [(str(j), _normalise(n)) for j, n in enumerate(header) if n.strip()]
    if not named:
        return frame, []
    # Cheap first look: a repeated header has the first column's name in the first column, and
    # most files have no such row, so the all-columns check below rarely has to run.
    first, first_name = named[0]
    if not frame.select(
        (pl.col(first).str.strip_chars().str.to_uppercase() == first_name).any()
    ).item():
        return frame, []
    is_header = pl.all_horizontal(
        pl.col(position).str.strip_chars().str.to_uppercase() == name for position, name in named
    ).fill_null(False)
    rows = frame.filter(is_header)[SOURCE_ROW].to_list()
    problems = [
        Problem(file, row, None, None, "data", "row repeats the header line; dropped")
        for row in rows
    ]
    return (frame.filter(~is_header) if rows else frame), problems


def _select_columns(frame: pl.DataFrame, header: list[str], chosen: Table, file: str) -> tuple[pl.DataFrame, list[Problem]]:
    """The table's columns by name (missing ones blank); extra and duplicate columns dropped."""
    problems: list[Problem] = []
    wanted = set(chosen.column_names) | set(supplied(chosen.name))
    positions: dict[str, str] = {}
    for j, raw_name in enumerate(header):
        name, position = _normalise(raw_name), str(j)
        if name in positions or (name not in wanted and name):
            reason = "appears twice; the later one" if name in positions else f"is not a column of {chosen.name};"
            problems.append(Problem(
                file, None, raw_name.strip(), None, f"a column of {chosen.name}",
                f"column {raw_name.strip()!r} {reason} dropped",
            ))
        elif not name:
            if frame[position].str.strip_chars().ne("").any():
                problems.append(Problem(
                    file, None, None, None, "a column name",
                    f"column {j + 1} has no name but holds data; dropped",
                ))
        else:
            positions[name] = position
    for name in chosen.column_names:
        if name not in positions:
            problems.append(Problem(
                file, None, name, None, f"column {name}",
                f"column {name} is missing; read as blank",
            ))
    selected = frame.select(
        *(
            pl.col(positions[name]).alias(name) if name in positions else pl.lit(None, pl.String).alias(name)
            for name in chosen.column_names
        ),
        *(pl.col(positions[name]).alias(name) for name in supplied(chosen.name) if name in positions),
        SOURCE_ROW,
    )
    return selected, problems


def read_csv_text(text: str, file: str, stem: str = "") -> tuple[TablePiece | None, list[Problem]]:
    """One CSV file's text as a typed table piece, and what could not be read."""
    header, frame, problems = split(text, file)
    if header is None or frame is None:
        return None, [*problems, Problem(file, None, None, None, "a header row", "file has no header row")]
    chosen = match_table(header, stem)
    if chosen is None:
        shown = ", ".join(name.strip() for name in header[:8]) + (", …" if len(header) > 8 else "")
        # The file is not read, so its rows' problems do not matter.
        return None, [Problem(
            file, None, None, shown[:200], "the header row of an SSDA903 table",
            f"columns ({shown[:200]}) match no single table; file not read",
        )]
    frame, repeated = _drop_repeated_headers(frame, header, file)
    raw, column_problems = _select_columns(frame, header, chosen, file)
    typed, value_problems = parse_values(raw, chosen, file)
    typed = keep_supplied(raw, typed, chosen.name)
    return TablePiece(chosen, file, typed), problems + repeated + column_problems + value_problems


def read_csv_file(path: Path) -> tuple[TablePiece | None, list[Problem]]:
    """One CSV file: its table piece (None if unreadable) and its problems."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(path.name, None, None, None, "a readable file", f"cannot read file: {error.strerror or error}")]
    text, problems = decode(data, path.name)
    if text is None:
        return None, problems
    piece, more = read_csv_text(text, path.name, path.stem)
    return piece, problems + more


def read_csv_files(
    paths: Iterable[Path], *, year: int | None = None, la: str | None = None
) -> ReadResult:
    """One return from its CSV files (one file per table, any order of columns).

    `paths` is consumed one file at a time, so a progress bar wrapped around it moves as files
    are read.
    """
    pieces: list[TablePiece] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    read: list[Path] = []
    for path in map(Path, paths):
        read.append(path)
        piece, found = read_csv_file(path)
        problems += found
        if piece is None:
            continue
        if piece.table.name in seen:
            problems.append(Problem(
                piece.file, None, None, None, f"one file for {piece.table.name}",
                f"second file for {piece.table.name} (after {seen[piece.table.name]}); rows added to it",
            ))
        seen.setdefault(piece.table.name, piece.file)
        pieces.append(piece)
    if not read:
        raise ReadError("no CSV files to read")
    folders = {path.parent for path in read}
    source = folders.pop() if len(folders) == 1 else Path(read[0].name)
    return assemble(pieces, problems, source=source, year=year, la=la)


def _formatted(frame: pl.DataFrame, chosen: Table) -> pl.DataFrame:
    """Schema columns in order (missing ones blank), then any other columns; never `_` ones."""
    present = set(frame.columns)
    columns = [
        pl.col(name) if name in present else pl.lit(None, column.dtype).alias(name)
        for name, column in ((c.name, c) for c in chosen.columns)
    ]
    extra = [pl.col(name) for name in frame.columns if name not in chosen.column_names and not name.startswith("_")]
    return frame.select(*columns, *extra)


def write_csv(data: CareData, folder: Path) -> list[Path]:
    """One `<Table>.csv` per table in `data`: dd/mm/yyyy dates (dd/mm/yyyy hh:mm date-times), blank nulls, UTF-8, `\\n` endings."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in data.tables.items():
        path = folder / f"{name}.csv"
        _formatted(frame, table(name)).write_csv(
            path, date_format="%d/%m/%Y", datetime_format="%d/%m/%Y %H:%M", line_terminator="\n", null_value=""
        )
        written.append(path)
    return written
