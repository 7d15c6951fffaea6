"""Hypothesis strategies: valid CareData for a year, built from the schema declarations."""

from __future__ import annotations

from datetime import date

import polars as pl
from hypothesis import strategies as st

from carematters.data.caredata import CareData
from carematters.data.schema import Column, Table, table, tables_in_year
from carematters.returns import xml_layout

# Text that survives both formats: no surrounding blanks (readers strip them) and nothing XML
# cannot hold; commas, quotes and line breaks inside values are fair game.
_TEXT = st.text(
    alphabet=st.sampled_from(list("ABCxyz019 ,\"'\n&<>é’")), min_size=1, max_size=8
).filter(lambda s: s == s.strip())
_DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31))
_POSTCODES = st.from_regex(r"\A[A-Z]{1,2}[0-9] [0-9][A-Z]{2}\Z")
_PARTIAL = st.sampled_from(["zz/zz/zzzz", "zz/05/2019", "zz/zz/2018", "01/02/2019"])
_IDS = st.text(alphabet="ABC123", min_size=1, max_size=4)


def _value(column: Column, year: int) -> st.SearchStrategy:
    match column.kind:
        case "date":
            values = _DATES
        case "int":
            values = st.integers(0, 40)
        case "bool01":
            values = st.sampled_from([0, 1])
        case "code":
            values = st.sampled_from(column.allowed(year) or ["?"])
        case "partial_date":
            values = _PARTIAL
        case "postcode":
            values = _POSTCODES
        case _:
            values = _TEXT
    return st.one_of(st.none(), values)


@st.composite
def _child(draw: st.DrawFn, year: int) -> dict:
    header = table("Header")
    return {
        "CHILD": draw(st.one_of(_IDS, st.none())),
        "SEX": draw(_value(header.column("SEX"), year)),
        "DOB": draw(_value(header.column("DOB"), year)),
    }


@st.composite
def _frame(draw: st.DrawFn, chosen: Table, year: int, children: list[dict]) -> pl.DataFrame:
    """Rows for `chosen`; tables held as <HEADER> leaves take the child's own DOB and SEX."""
    rows = []
    for _ in range(draw(st.integers(0, 3))):
        row = {c.name: draw(_value(c, year)) for c in chosen.columns}
        child = draw(st.sampled_from(children))
        row["CHILD"] = child["CHILD"]
        if chosen.name in ("Header", *xml_layout.LEAF_TABLES):
            row |= {k: v for k, v in child.items() if k in chosen.column_names}
        if chosen.name == "OC3":
            row["IN_TOUCH"] = draw(st.sampled_from(chosen.column("IN_TOUCH").allowed(year)))
        if chosen.name == "AD1":
            row["DATE_INT"] = draw(_DATES)
        rows.append(row)
    return pl.DataFrame(rows, schema=chosen.polars_schema(), orient="row")


@st.composite
def care_data(draw: st.DrawFn) -> CareData:
    """A return holding every DfE table of a year, each with 0-3 valid rows."""
    year = draw(st.sampled_from([2020, 2024, 2025, 2027]))
    children = draw(st.lists(_child(year), min_size=1, max_size=3, unique_by=lambda c: c["CHILD"]))
    tables = {t.name: draw(_frame(t, year, children)) for t in tables_in_year(year)}
    return CareData(tables, la="E1", years=(year,))
