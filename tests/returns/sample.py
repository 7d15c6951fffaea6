"""A small, valid 2025 return touching every DfE table, rows grouped by child in Header order.

That grouping is the canonical order: CSV -> XML -> CSV gives these files back byte for byte.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import table, tables_in_year

YEAR = 2025


def frame(name: str, rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=table(name).polars_schema(), orient="row")


def sample_data() -> CareData:
    d = date
    tables = {
        "Header": frame("Header", [
            ("C1", "M", d(2012, 5, 15), "WBRI", "A123456789012", None, None),
            ("C2", "F", d(2008, 1, 31), "BAFR", "UN2", 1, d(2024, 6, 1)),
            ("C3", "U", d(2007, 4, 2), "NOBT", "UN4", None, None),
        ]),
        "Episodes": frame("Episodes", [
            # C1: in care all year, one placement change
            ("C1", d(2023, 2, 1), "S", "C2", "N1", "U1", "PR1", d(2024, 9, 1), "X1", "CARPL", "AB1 2CD", "AB3 4EF", "SC123456"),
            ("C1", d(2024, 9, 1), "P", "C2", "N1", "U4", "PR1", None, None, None, "AB1 2CD", "AB5 6GH", "SC654321"),
            # C2: started and ceased in the year
            ("C2", d(2024, 5, 10), "S", "V2", "N4", "K3", "PR2", d(2025, 1, 20), "E13", None, None, "ZZ1 1ZZ", "XXXXXXX"),
            # C3: a short break (V3), excluded from counts
            ("C3", d(2024, 7, 1), "S", "V3", "N2", "R1", "PR4", d(2024, 7, 3), "E13", None, "XY1 1AB", None, None),
        ]),
        "Reviews": frame("Reviews", [
            ("C1", d(2012, 5, 15), d(2024, 4, 20), "PN1"),
            ("C1", d(2012, 5, 15), d(2024, 10, 20), "PN0"),
        ]),
        "UASC": frame("UASC", [("C2", "F", d(2008, 1, 31), d(2025, 1, 30))]),
        "OC2": frame("OC2", [("C1", d(2012, 5, 15), 14, None, 0, None, 1, 1, 1, 0, None, None)]),
        "OC3": frame("OC3", [("C3", d(2007, 4, 2), "YES", "F2", "B1")]),
        "AD1": frame("AD1", [("C1", d(2012, 5, 15), d(2023, 6, 1), d(2024, 1, 5), 1, 2, "MF", "L11")]),
        "PlacedAdoption": frame("PlacedAdoption", [("C1", d(2012, 5, 15), d(2023, 6, 1), None, None)]),
        "PrevPerm": frame("PrevPerm", [("C2", d(2008, 1, 31), "P4", None, "zz/05/2019")]),
        "Missing": frame("Missing", [("C2", d(2008, 1, 31), "M", d(2024, 8, 1), d(2024, 8, 3))]),
        "SWEpisodes": frame("SWEpisodes", [("C1", d(2012, 5, 15), "SW123456", d(2024, 1, 1), None, "FCONTA")]),
    }
    assert {t.name for t in tables_in_year(YEAR)} == set(tables)
    return CareData(tables, la="E09000001", years=(YEAR,), source="sample")
