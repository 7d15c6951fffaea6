"""What the entitlement rules share: the output shape, evidence text and care-leaver status."""

from __future__ import annotations

import polars as pl

from carematters.data.schema import SOURCE_ROW

ENTITLEMENT_SCHEMA: dict[str, pl.DataType] = {
    "CHILD": pl.String(),
    "ENTITLEMENT": pl.String(),
    "FROM": pl.Date(),
    "UNTIL": pl.Date(),  # last day, inclusive; null when open-ended
    "AMOUNT": pl.Float64(),  # null when the law sets no figure or the rate is not known
    "BASIS": pl.String(),  # the rule, in plain words
    "EVIDENCE": pl.String(),  # the rows that made the child eligible
}


def with_evidence(frame: pl.DataFrame, table: str, *columns: str) -> pl.DataFrame:
    """`frame` with EVIDENCE naming the source row (when the reader recorded it) and columns."""
    row = (
        pl.format("{} row {}: ", pl.lit(table), pl.col(SOURCE_ROW))
        if SOURCE_ROW in frame.columns
        else pl.lit(f"{table}: ")
    )
    fields = [
        pl.format("{} {}", pl.lit(col), pl.col(col).cast(pl.String).fill_null("-"))
        for col in columns
    ]
    return frame.with_columns(
        pl.concat_str([row, pl.concat_str(fields, separator=", ")]).alias("EVIDENCE")
    )


def finish(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select([pl.col(n).cast(t) for n, t in ENTITLEMENT_SCHEMA.items()])


def birthday(dob: pl.Expr, age: int) -> pl.Expr:
    return dob.dt.offset_by(f"{12 * age}mo")


def day_before(day: pl.Expr) -> pl.Expr:
    return day - pl.duration(days=1)
