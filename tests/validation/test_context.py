"""The shared episode frame: neighbours and first/last flags per child."""

from __future__ import annotations

import polars as pl

from carematters.data.caredata import CareData
from carematters.validation.context import NEIGHBOUR_COLUMNS, Context
from tests.validation.util import frame


def _episodes(rows: list[dict]) -> pl.DataFrame:
    tables = {"Episodes": frame("Episodes", rows)}
    return Context(CareData(tables, la=None, years=(2026,)), year=2026).episodes


def test_neighbours_stay_within_each_child() -> None:
    eps = _episodes([
        {"CHILD": "A", "DECOM": "01/04/2025", "DEC": "01/05/2025", "RNE": "S", "LS": "C2"},
        {"CHILD": None, "DECOM": "01/06/2025", "RNE": "S"},  # no child: sorted last
        {"CHILD": "B", "DECOM": "01/04/2025", "RNE": "S", "LS": "V2"},  # only episode of B
        {"CHILD": "A", "DECOM": "01/05/2025", "RNE": "P", "LS": "C2"},
        {"CHILD": None, "DECOM": "01/07/2025", "RNE": "P"},
    ])
    got = eps.select("CHILD", "PREV_RNE", "NEXT_RNE", "PREV_DECOM", "IS_FIRST", "IS_LAST")
    # The same values a per-child window gives (the definition the frame promises).
    expected = eps.select(
        "CHILD",
        pl.col("RNE").shift(1).over("CHILD").alias("PREV_RNE"),
        pl.col("RNE").shift(-1).over("CHILD").alias("NEXT_RNE"),
        pl.col("DECOM").shift(1).over("CHILD").alias("PREV_DECOM"),
        (pl.int_range(pl.len()).over("CHILD") == 0).alias("IS_FIRST"),
        (pl.int_range(pl.len()).over("CHILD") == pl.len().over("CHILD") - 1).alias("IS_LAST"),
    )
    assert got.equals(expected)
    assert got["CHILD"].to_list() == ["A", "A", "B", None, None]
    assert got["IS_FIRST"].to_list() == [True, False, True, True, False]
    assert got["IS_LAST"].to_list() == [False, True, True, False, True]
    assert got["NEXT_RNE"].to_list() == ["P", None, None, "P", None]
    assert all(f"PREV_{c}" in eps.columns and f"NEXT_{c}" in eps.columns
               for c in NEIGHBOUR_COLUMNS)


def test_single_episode_without_child_is_first_and_last() -> None:
    eps = _episodes([{"CHILD": None, "DECOM": "01/06/2025", "RNE": "S"}])  # the only row
    assert eps["IS_FIRST"].to_list() == [True]
    assert eps["IS_LAST"].to_list() == [True]
