"""Small expressions and selections the rules share."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from carematters.data.schema import SSDA903_TABLES
from carematters.validation.context import ROW, Context


def offending(frame: pl.DataFrame, condition: pl.Expr, *fields: str) -> pl.DataFrame:
    """Rows of `frame` where `condition` is true (null counts as false): `_row`, CHILD, fields."""
    keep = [ROW, "CHILD", *(f for f in fields if f in frame.columns and f not in (ROW, "CHILD"))]
    # Lazily, so only the kept columns are filtered: the shared frames (ctx.episodes has some
    # 45 columns) would otherwise be copied whole for a few rows.
    return frame.lazy().filter(condition.fill_null(False)).select(keep).collect()


def _typed_columns() -> frozenset[str]:
    """Columns declared as a date or a number in every table that has them (DEC, DOB,
    SDQ_SCORE, MOTHER...). The Context gives every frame its declared types, so such a column
    never holds text."""
    declared: dict[str, set[pl.DataType]] = {}
    for one in SSDA903_TABLES:
        for name, dtype in one.polars_schema().items():
            declared.setdefault(name, set()).add(dtype)
    return frozenset(n for n, dtypes in declared.items() if pl.String() not in dtypes)


TYPED_COLUMNS = _typed_columns()


def blank(column: str) -> pl.Expr:
    """Null, or text that is empty after trimming."""
    col = pl.col(column)
    if column in TYPED_COLUMNS:
        # A date or a number is blank only when null: casting it to text to trim it cost about
        # a third of all the rules' time on a large return.
        return col.is_null()
    if_text = col.cast(pl.String).str.strip_chars() == ""
    return col.is_null() | if_text.fill_null(False)


def present(column: str) -> pl.Expr:
    return ~blank(column)


def is_in(column: str, values: Iterable[object]) -> pl.Expr:
    """True when the value is one of `values`; null when the value is null."""
    return pl.col(column).is_in(list(values))


def not_in(column: str, values: Iterable[object]) -> pl.Expr:
    """True when the value is present and not one of `values` (blank is not "not in")."""
    return present(column) & ~pl.col(column).cast(pl.String).is_in([str(v) for v in values])


def given(ctx: Context, table: str, column: str) -> pl.Expr:
    """Present, or given but unreadable (nulled by the reader or the Context): for rules that
    need two items "both given or both blank". An unreadable date is reported by its own
    validity rule; counting it as blank would report the row a second time."""
    return present(column) | pl.col(ROW).is_in(ctx.unread(table, column))


def any_present(columns: Iterable[str]) -> pl.Expr:
    return pl.any_horizontal([present(c) for c in columns])


def all_present(columns: Iterable[str]) -> pl.Expr:
    return pl.all_horizontal([present(c) for c in columns])


def in_cohort(frame: pl.DataFrame, cohort: pl.DataFrame, alias: str = "IN_COHORT") -> pl.DataFrame:
    """`frame` with a boolean column `alias`: the row's CHILD is in `cohort` (a CHILD frame)."""
    # A membership test adds one column; a join would copy every column of `frame` (the shared
    # episode frames have some 45).
    children = cohort.get_column("CHILD").drop_nulls().unique().implode()
    return frame.with_columns(pl.col("CHILD").is_in(children).fill_null(False).alias(alias))


def episode_end(year_end: object) -> pl.Expr:
    """When an episode ended, for measuring how long it lasted: DEC; 31 March when it is open
    (no DEC and no REC); null when DEC is missing but REC says it ended (a date the reader could
    not read), so one bad date does not make an episode look years long."""
    return (
        pl.when(pl.col("DEC").is_not_null()).then(pl.col("DEC"))
        .when(pl.col("REC").is_null() | (pl.col("REC").cast(pl.String).str.strip_chars() == ""))
        .then(pl.lit(year_end))
        .otherwise(None)
    )
