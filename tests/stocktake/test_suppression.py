import polars as pl

from carematters.stocktake.suppression import SUPPRESSED, suppress_counts, suppress_table


def test_counts_one_to_five_are_hidden_and_zero_is_shown():
    # 0 shown, 3 hidden (primary), 12 hidden (secondary: smallest other non-zero), 40 shown
    assert suppress_counts([0, 3, 12, 40]) == [False, True, True, False]


def test_without_a_total_only_primary_suppression_applies():
    assert suppress_counts([0, 3, 12, 40], has_total=False) == [False, True, False, False]


def test_two_small_cells_protect_each_other():
    assert suppress_counts([2, 4, 30]) == [True, True, False]


def test_hidden_cells_adding_up_to_the_threshold_or_less_get_company():
    # 1 + 1 hidden beside a published total of 32: the reader works out 2 for the pair, and as
    # each hidden count is at least 1, both are 1. A third cell joins them (1 + 1 + 30 = 32).
    assert suppress_counts([1, 1, 30]) == [True, True, True]
    # 2 + 3 = 5, still small enough to bound each: the smallest shown cell joins (12).
    assert suppress_counts([2, 3, 12, 40]) == [True, True, True, False]
    # 2 + 4 = 6 is more than 5: enough (as in the test above).
    assert suppress_counts([2, 4, 30]) == [True, True, False]


def test_threshold_is_configurable():
    assert suppress_counts([8, 20, 30], threshold=10) == [True, True, False]


def test_table_suppression_runs_along_rows_and_columns():
    frame = pl.DataFrame({
        "placement": ["foster", "residential", "other"],
        "under_10": [40, 3, 20],   # 3 is small; 20 is the smallest other in its column
        "over_10": [50, 30, 25],
    })
    out = suppress_table(frame, ["under_10", "over_10"])
    # Row "residential": 3 hidden, so 30 is hidden too. Column under_10: 3 hidden -> 20 hidden.
    # Row "other": 20 hidden -> 25 hidden. Column over_10 now has 30 and 25 hidden: safe.
    assert out.rows() == [
        ("foster", "40", "50"),
        ("residential", SUPPRESSED, SUPPRESSED),
        ("other", SUPPRESSED, SUPPRESSED),
    ]


def test_table_with_nothing_small_is_unchanged_apart_from_text():
    frame = pl.DataFrame({"group": ["a", "b"], "n": [10, 0]})
    assert suppress_table(frame, ["n"]).rows() == [("a", "10"), ("b", "0")]
