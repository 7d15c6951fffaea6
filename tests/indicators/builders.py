"""Hand-built CareData for indicator tests: dates as dd/mm/yyyy strings, tables as tuples."""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import table


def d(text: str | None) -> date | None:
    if text is None:
        return None
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def frame(name: str, columns: tuple[str, ...], *rows: tuple) -> pl.DataFrame:
    """A `name` table with the given columns filled from rows; other columns null."""
    schema = table(name).polars_schema()
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    for record in records:
        for key, value in record.items():
            if schema[key] == pl.Date() and isinstance(value, str):
                record[key] = d(value)
    return pl.DataFrame(
        {col: [r.get(col) for r in records] for col in schema}, schema=schema
    )


def episodes(*rows: tuple) -> pl.DataFrame:
    """rows: (child, decom, rne, ls, place, dec, rec[, pl_post[, home_post]])"""
    full = []
    for child, decom, rne, ls, place, dec, rec, *posts in rows:
        pl_post = posts[0] if posts else "AB1 2CD"
        home_post = posts[1] if len(posts) > 1 else "AB1 9ZZ"
        provider = None if place.startswith(("T", "Z")) else "PR1"
        full.append((child, decom, rne, ls, "N1", place, provider, dec, rec, pl_post, home_post))
    return frame(
        "Episodes",
        ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
         "PL_POST", "HOME_POST"),
        *full,
    )


def header(*rows: tuple) -> pl.DataFrame:
    """rows: (child, dob)"""
    return frame("Header", ("CHILD", "DOB", "SEX", "ETHNIC", "UPN"),
                 *[(c, dob, "1", "WBRI", "UN1") for c, dob in rows])


def care_data(years: tuple[int, ...], **tables: pl.DataFrame) -> CareData:
    return CareData(tables, la="999", years=years, source="test")
