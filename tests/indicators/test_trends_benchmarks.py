"""Time series, targets, comparison with other authorities and the raise-to-mean sum."""

import polars as pl
import pytest

from carematters.indicators.benchmarks import compare, england, raise_to_mean
from carematters.indicators.results import RESULT_SCHEMA
from carematters.indicators.trends import run_years, time_series, with_targets

from .builders import care_data
from .examples import NI62_EPISODES


def test_time_series_and_targets():
    data = care_data((2023, 2024), Episodes=NI62_EPISODES)
    series = time_series(run_years(data, [2023, 2024], ids=["NI62"]))
    # 2023: C1, C3, C7 looked after at 31/03/2023, each in one placement -> 0%
    assert series["value"].to_list() == [0.0, 40.0]
    assert series["change"].to_list() == [None, 40.0]
    checked = with_targets(series, {("NI62", 2023): 10.0, ("NI62", 2024): 35.0})
    # lower is better: 0 <= 10 met; 40 > 35 not met
    assert checked["met"].to_list() == [True, False]


def test_targets_without_direction_or_target_are_unknown():
    frame = pl.DataFrame(
        [{"la": "1", "indicator": "LAC_31MAR", "year": 2024, "value": 50.0},
         {"la": "1", "indicator": "NI63", "year": 2024, "value": 70.0}])
    checked = with_targets(frame, {("LAC_31MAR", 2024): 40.0})
    assert checked["met"].to_list() == [None, None]


def results(*rows):
    """rows: (la, indicator, numerator, denominator, value), year 2024"""
    return pl.DataFrame(
        [{"la": la, "indicator": ind, "year": 2024, "numerator": n, "denominator": d,
          "value": v} for la, ind, n, d, v in rows],
        schema={k: RESULT_SCHEMA[k] for k in
                ("la", "indicator", "year", "numerator", "denominator", "value")},
    )


NI62_THREE = results(
    ("A", "NI62", 10, 100, 10.0),  # best (lower is better)
    ("B", "NI62", 20, 100, 20.0),  # above the 15% mean: worse
    ("C", "NI62", 30, 200, 15.0),
    ("A", "NI63", 60, 100, 60.0),  # below the 70% mean: worse (higher is better)
    ("B", "NI63", 80, 100, 80.0),
)


def test_compare_each_authority_with_the_others():
    table = compare(NI62_THREE).filter(pl.col("indicator") == "NI62")
    a = table.row(0, named=True)
    # A against B and C (20, 15): mean 17.5, linear quartiles 16.25 / 18.75
    assert (a["others"], a["others_mean"], a["others_q1"], a["others_q3"]) == (
        2, 17.5, 16.25, 18.75)
    assert table["rank"].to_list() == [1, 3, 2]
    assert a["quartile"] == 1


def test_raise_every_authority_behind_the_mean():
    summary = {r["indicator"]: r for r in raise_to_mean(NI62_THREE).iter_rows(named=True)}
    ni62 = summary["NI62"]
    # overall now 60/400 = 15%; B raised to 15% of 100 -> (10 + 15 + 30) / 400 = 13.75%
    assert ni62["overall"] == 15.0
    assert ni62["overall_if_raised"] == pytest.approx(13.75)
    assert ni62["difference"] == pytest.approx(-5.0)
    assert ni62["below_mean"] == 1
    ni63 = summary["NI63"]
    # A raised to 70 of 100 -> (70 + 80) / 200 = 75%
    assert ni63["overall_if_raised"] == pytest.approx(75.0)


def test_england_figures_from_the_spec():
    assert england("NI63", 2024) == pytest.approx(68.1, abs=0.1)
    assert england("LAC_31MAR", 2025) == 81_770
    assert england("NI63", 1999) is None
