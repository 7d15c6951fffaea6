"""Hand-built indicator results of several authorities for stocktake tests."""

from __future__ import annotations

import polars as pl

from carematters.indicators.results import RESULT_SCHEMA

COLUMNS = ("la", "indicator", "year", "numerator", "denominator", "value")
SCALE = {"%": 100.0, "rate": 10_000.0}


def results(*rows: tuple, year: int = 2025, unit: str = "%") -> pl.DataFrame:
    """rows: (la, indicator, numerator, denominator); the value is worked out for `unit`
    (% by default; a count when the denominator is None; an average when unit is 'days')."""
    records = []
    for la, indicator, numerator, denominator in rows:
        if denominator is None:
            value = numerator
        elif not denominator:
            value = None
        else:
            value = numerator / denominator * SCALE.get(unit, 1.0)
        records.append({"la": la, "indicator": indicator, "year": year,
                        "numerator": numerator, "denominator": denominator, "value": value})
    return pl.DataFrame(records, schema={c: RESULT_SCHEMA[c] for c in COLUMNS})


def row(table: pl.DataFrame, la: str, indicator: str) -> dict:
    found = table.filter((pl.col("la") == la) & (pl.col("indicator") == indicator))
    assert found.height == 1, (la, indicator)
    return found.row(0, named=True)
