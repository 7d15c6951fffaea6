"""Small shared pieces for indicator modules."""

from __future__ import annotations

import polars as pl


def everyone_in(cohort: pl.DataFrame, numerator: pl.Expr | bool,
                value: pl.Expr | None = None) -> pl.DataFrame:
    """Drill-down for a cohort whose every row is in the denominator."""
    num = pl.lit(numerator) if isinstance(numerator, bool) else numerator
    columns = [pl.col("CHILD"), pl.lit(True).alias("in_denominator"),
               num.fill_null(False).alias("in_numerator")]
    if value is not None:
        columns.append(value.cast(pl.Float64).alias("value"))
    return cohort.select(columns)


def days_between(later: str, earlier: str) -> pl.Expr:
    return (pl.col(later) - pl.col(earlier)).dt.total_days()


def outward_code(postcode: pl.Expr) -> pl.Expr:
    """'CV1 2AB' -> 'CV1'; a postcode without a space keeps all but its last three characters."""
    clean = postcode.str.to_uppercase().str.strip_chars()
    return (
        pl.when(clean.str.contains(" "))
        .then(clean.str.split(" ").list.first())
        .otherwise(clean.str.slice(0, clean.str.len_chars() - 3))
    )
