"""Tiny hand-built CareData for the compliance tests: dates written dd/mm/yyyy as in the DfE files."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import table


def d(text: str | None) -> date | None:
    if text is None:
        return None
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def dt(text: str | None) -> datetime | None:
    """"dd/mm/yyyy hh:mm" -> datetime."""
    if text is None:
        return None
    day, time = text.split(" ")
    hour, minute = time.split(":")
    return datetime.combine(d(day), datetime.min.time()).replace(hour=int(hour), minute=int(minute))


def _typed(dtype: pl.DataType, value):
    if isinstance(value, str) and dtype == pl.Date():
        return d(value)
    if isinstance(value, str) and isinstance(dtype, pl.Datetime):
        return dt(value)
    return value


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    """A typed frame for table `name`; dd/mm/yyyy strings in date columns become dates and
    "dd/mm/yyyy hh:mm" ones in date-time columns date-times. A column left out of a row is null."""
    schema = table(name).polars_schema()
    if not rows:
        return table(name).empty()
    return pl.DataFrame(
        [{col: _typed(dtype, row.get(col)) for col, dtype in schema.items()} for row in rows],
        schema=schema,
    )


def episode(child, decom, rne="S", ls="C2", place="U6", dec=None, rec=None, post="AB1 2CD"):
    return {
        "CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place,
        "PLACE_PROVIDER": "PR1", "DEC": dec, "REC": rec, "PL_POST": post, "HOME_POST": "AB1 1AA",
    }


def care(**tables: list[dict]) -> CareData:
    """CareData from lists of row dicts, e.g. care(Episodes=[episode(...)], Reviews=[...])."""
    return CareData({name: frame(name, rows) for name, rows in tables.items()})


def header(child: str, dob: str) -> dict:
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI", "UPN": "UN1"}


def items_of(result: pl.DataFrame, item: str | None = None) -> list[tuple]:
    """(CHILD, ITEM, DUE, DONE, STATUS) tuples, dates back in dd/mm/yyyy, in due order."""
    if item is not None:
        result = result.filter(pl.col("ITEM") == item)
    rows = result.sort("CHILD", "DUE", "ITEM").select("CHILD", "ITEM", "DUE", "DONE", "STATUS").rows()
    fmt = lambda x: x.strftime("%d/%m/%Y") if isinstance(x, date) else x  # noqa: E731
    return [tuple(fmt(v) for v in row) for row in rows]
