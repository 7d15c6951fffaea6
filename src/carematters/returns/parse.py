"""Text cells to typed columns, vectorised, for every reader (CSV and XML alike).

Readers first build a frame of raw text, one String column per schema column plus the source
row, so nothing is guessed by a type-inferring parser. This module strips the text, parses each
column into its schema dtype and reports every value it could not parse: the value becomes null
in the data, and a Problem says where it was (spec §1.2: dates dd/mm/yyyy, blanks mean "not
provided", codes case-sensitive).
"""

from __future__ import annotations

import polars as pl

from carematters.data.schema import SOURCE_ROW, Column, Table
from carematters.returns.problems import Problem

# Day and month may lose their leading zero in hand-edited files; the year must have four digits
# so that "01/02/24" is not read as the year 24.
_DMY = r"^\d{1,2}/\d{1,2}/\d{4}$"
_ISO = r"^\d{4}-\d{2}-\d{2}$"  # common in XML exports
# Date and time (extension tables only: secure accommodation): "dd/mm/yyyy hh:mm", or ISO.
_DMY_HM = r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}$"
_ISO_HM = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$"
# PrevPerm DATE_PERM (spec §1.2): unknown day -> zz/MM/YYYY, unknown day and month ->
# zz/zz/YYYY, nothing known -> zz/zz/zzzz.
_PARTIAL = r"^(zz/\d{1,2}/\d{4}|zz/zz/\d{4}|zz/zz/zzzz)$"

_MAX_CODES_SHOWN = 12
# Anything but capitals, digits and single spaces: such a postcode needs normalising.
_UNUSUAL_POSTCODE = r"[^A-Z0-9 ]|  "


def clean_text(name: str) -> pl.Expr:
    """Surrounding whitespace stripped; a blank cell is null ("not applicable / not provided")."""
    return pl.col(name).str.strip_chars().replace("", None).alias(name)


def _date(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(_DMY))
        .then(text.str.to_date("%d/%m/%Y", strict=False))
        .when(text.str.contains(_ISO))
        .then(text.str.to_date("%Y-%m-%d", strict=False))
    )


def _datetime(text: pl.Expr) -> pl.Expr:
    iso = text.str.replace("T", " ").str.slice(0, 16)
    return (
        pl.when(text.str.contains(_DMY_HM))
        .then(text.str.to_datetime("%d/%m/%Y %H:%M", strict=False, time_unit="us"))
        .when(text.str.contains(_ISO_HM))
        .then(iso.str.to_datetime("%Y-%m-%d %H:%M", strict=False, time_unit="us"))
    )


def _partial_date(text: pl.Expr) -> pl.Expr:
    """Full dates normalised to dd/mm/yyyy; partial ones kept as given; anything else null."""
    return (
        pl.when(text.str.contains(_PARTIAL))
        .then(text)
        .otherwise(_date(text).dt.strftime("%d/%m/%Y"))
    )


def _parsed(column: Column) -> pl.Expr:
    text = pl.col(column.name)
    match column.kind:
        case "date":
            value = _date(text)
        case "datetime":
            value = _datetime(text)
        case "int":
            value = text.cast(pl.Int64, strict=False)
        case "bool01":
            value = pl.when(text.is_in(["0", "1"])).then(text.cast(pl.Int8, strict=False))
        case "partial_date":
            value = _partial_date(text)
        case "postcode":
            # Most postcodes are already upper case with single spaces: only the others are
            # rewritten (the regular expressions cost 5x the check on a large file).
            value = pl.when(text.str.contains(_UNUSUAL_POSTCODE)).then(
                text.str.to_uppercase().str.replace_all(r"\s+", " ")).otherwise(text)
        case _:
            value = text
    return value.alias(column.name)


_EXPECTED = {
    "date": ("dd/mm/yyyy", "is not a valid date"),
    "datetime": ("dd/mm/yyyy hh:mm", "is not a valid date and time"),
    "int": ("a whole number", "is not a whole number"),
    "bool01": ("0 or 1", "is not 0 or 1"),
    "partial_date": ("dd/mm/yyyy, with zz for an unknown day or month", "is not a date"),
}


def _flagged(frame: pl.DataFrame, checks: dict[str, pl.Expr]) -> list[tuple[int, str, str]]:
    """(row, column, value) of every cell whose check is true, in one pass over the frame."""
    if not checks or frame.is_empty():
        return []
    marked = frame.select(
        SOURCE_ROW, *(pl.when(bad).then(pl.col(name)).alias(name) for name, bad in checks.items())
    )
    # Few rows hold a bad value: keep those before turning columns into rows.
    marked = marked.filter(pl.any_horizontal(pl.all().exclude(SOURCE_ROW).is_not_null()))
    cells = marked.unpivot(index=SOURCE_ROW, variable_name="column", value_name="value")
    return list(cells.drop_nulls("value").iter_rows())


def _cleaning(raw: pl.DataFrame, names: list[str]) -> list[pl.Expr]:
    """`clean_text` for the columns that need it. A column with no white space around any value
    (most columns of a machine-written file) is not stripped, and one without blank cells
    either is kept as read: stripping would give the same values in a new copy, 16 bytes a
    cell, and the copies of a large file weigh more than the file."""
    spaced = raw.select(pl.col(name).str.contains(r"^\s|\s$").any() for name in names).row(0)
    blanks = raw.select((pl.col(name) == "").any() for name in names).row(0)
    return [
        clean_text(name) if space
        else pl.col(name).replace("", None) if blank  # blanks only: nothing to strip
        else pl.col(name)
        for name, space, blank in zip(names, spaced, blanks, strict=True)
    ]


def parse_values(raw: pl.DataFrame, table: Table, file: str) -> tuple[pl.DataFrame, list[Problem]]:
    """Typed frame (schema columns in order, then the source row) and the values that failed.

    `raw` holds every schema column as text and the source row column.
    """
    cleaned = raw.select(*_cleaning(raw, table.column_names), SOURCE_ROW)
    typed = cleaned.with_columns(_parsed(column) for column in table.columns)
    checked = {c.name: c for c in table.columns if c.kind in _EXPECTED}
    # A value failed when the text was given but the parsed value is null. The parsed columns
    # are taken from `typed` rather than parsed a second time (the date patterns are the
    # costliest part of reading a large file).
    lost = typed.select(pl.col(name).is_null().alias(f"_lost_{name}") for name in checked)
    failed = _flagged(cleaned.hstack(lost.get_columns()), {
        name: pl.col(name).is_not_null() & pl.col(f"_lost_{name}") for name in checked
    })
    problems = []
    for row, name, value in failed:
        expected, verb = _EXPECTED[checked[name].kind]
        problems.append(Problem(file, row, name, value, expected, f"{value!r} {verb} (expected {expected})"))
    return typed, problems


def expected_codes(column: Column, year: int | None) -> str:
    allowed = column.allowed(year) or []
    shown = ", ".join(allowed[:_MAX_CODES_SHOWN])
    if len(allowed) > _MAX_CODES_SHOWN:
        shown += f", … ({len(allowed)} codes, spec §1.5)"
    return f"one of {shown}"


def check_codes(frame: pl.DataFrame, table: Table, file: str, year: int | None) -> list[Problem]:
    """Codes not in the year's list: kept as given in the data (validation reports them too).

    Codes are case-sensitive (spec §1.2: `c1` is not `C1`), so nothing is upper-cased here.
    """
    coded = {c.name: c for c in table.columns if c.kind == "code" and c.name in frame.columns}
    unknown = _flagged(frame, {
        name: pl.col(name).is_not_null() & ~pl.col(name).is_in(column.allowed(year) or [])
        for name, column in coded.items()
    })
    in_year = f" in {year}" if year is not None else ""
    problems = []
    for row, name, value in unknown:
        expected = expected_codes(coded[name], year)
        problems.append(Problem(
            file, row, name, value, expected,
            f"{value!r} is not a {name} code{in_year} (expected {expected})",
        ))
    return problems
