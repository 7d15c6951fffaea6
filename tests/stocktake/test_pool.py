"""Pooling: numerators and denominators summed, ranks, quartiles, distance from pooled."""

import polars as pl
import pytest

from carematters.stocktake import POOLED, pool

from .builders import results, row


def test_pooled_rate_is_summed_numerators_over_denominators_not_the_mean_of_rates():
    table = pool(results(
        ("A", "NI62", 10, 100),   # 10%
        ("B", "NI62", 1, 50),     # 2%: the best (lower is better)
        ("C", "NI62", 30, 150),   # 20%: the worst
    ))
    pooled = row(table, POOLED, "NI62")
    # (10 + 1 + 30) / (100 + 50 + 150) = 13.67%, not the mean of rates (10.67%)
    assert pooled["numerator"] == 41 and pooled["denominator"] == 300
    assert pooled["value"] == pytest.approx(41 / 300 * 100)
    assert pooled["authorities"] == 3
    assert [row(table, la, "NI62")["rank"] for la in "ABC"] == [2, 1, 3]
    # A: 10% - 13.67% = -3.67 points
    assert row(table, "A", "NI62")["difference"] == pytest.approx(10 - 41 / 3)
    assert row(table, "A", "NI62")["pooled_value"] == pytest.approx(41 / 3)


def test_higher_is_better_ranks_from_the_top_and_quartiles_split_the_group():
    frame = results(*[(la, "NI63", n, 100) for la, n in
                      (("A", 80), ("B", 70), ("C", 60), ("D", 50), ("E", 40),
                       ("F", 30), ("G", 20), ("H", 10))])
    table = pool(frame).filter(pl.col("la") != POOLED).sort("la")
    assert table["rank"].to_list() == [1, 2, 3, 4, 5, 6, 7, 8]
    # eight authorities: two in each quartile
    assert table["quartile"].to_list() == [1, 1, 2, 2, 3, 3, 4, 4]


def test_averages_pool_total_days_over_children():
    table = pool(results(
        ("A", "A1", 4000.0, 10),   # 400 days
        ("B", "A1", 900.0, 3),     # 300 days
        unit="days",
    ))
    # (4000 + 900) / 13 = 376.9 days
    assert row(table, POOLED, "A1")["value"] == pytest.approx(4900 / 13)
    assert row(table, "B", "A1")["rank"] == 1  # lower is better


def test_counts_are_totalled_with_no_rank_or_difference():
    table = pool(results(("A", "LAC_31MAR", 120, None), ("B", "LAC_31MAR", 80, None),
                         unit="count"))
    pooled = row(table, POOLED, "LAC_31MAR")
    assert (pooled["numerator"], pooled["denominator"], pooled["value"]) == (200, None, 200)
    assert row(table, "A", "LAC_31MAR")["rank"] is None  # descriptive: no better or worse
    assert row(table, "A", "LAC_31MAR")["difference"] is None


def test_an_authority_without_a_value_is_left_out_of_the_pool():
    table = pool(results(("A", "NI62", 10, 100), ("B", "NI62", 0, 0)))
    # B has nobody in the cohort (no value): the pool is A's alone
    assert row(table, POOLED, "NI62")["authorities"] == 1
    assert row(table, "B", "NI62")["rank"] is None


def test_only_the_chosen_year_and_known_indicators():
    frame = pl.concat([results(("A", "NI62", 1, 10)), results(("A", "NI62", 2, 10), year=2024),
                       results(("A", "NOT_AN_INDICATOR", 1, 10))])
    table = pool(frame, 2025)
    assert set(table["indicator"]) == {"NI62"} and set(table["year"]) == {2025}


def test_regions_are_pooled_and_set_against_the_pool_of_all():
    frame = results(("A", "NI62", 10, 100), ("B", "NI62", 30, 100), ("C", "NI62", 20, 200))
    table = pool(frame, regions={"A": "North", "B": "North", "C": "South"})
    assert table["la"].to_list() == ["A", "B", "C", "North", "South", POOLED]
    north = row(table, "North", "NI62")
    # North: 40 of 200 = 20%; all: 60 of 400 = 15%; North is 5 points above
    assert (north["numerator"], north["denominator"], north["value"]) == (40, 200, 20.0)
    assert north["pooled_value"] == 15.0 and north["difference"] == 5.0
    assert north["region"] == "North" and north["pooled"] and north["rank"] is None
    assert row(table, "A", "NI62")["region"] == "North"
    assert row(table, "A", "NI62")["pooled_value"] == 15.0  # ranks and differences: all


def test_a_region_named_like_an_authority_is_refused():
    with pytest.raises(ValueError, match="region is named like"):
        pool(results(("A", "NI62", 1, 10), ("B", "NI62", 1, 10)), regions={"A": "B"})
