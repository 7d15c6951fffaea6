"""Hand-computed costs (spec §5) at the default weekly figures: in-house foster £700, IFA £950,
kinship £450, external residential £6,100 a week; process costs set by each test."""

from datetime import date

import polars as pl
import pytest

from carematters.costs import CostTable, current_population_cost, period_costs, window_costs
from carematters.costs.table import (
    CARE_PLANNING,
    CEASING,
    FIRST_PLACEMENT,
    LEAVING_CARE_TRANSITION,
    LEGAL,
    REVIEW,
    SUBSEQUENT_PLACEMENT,
)
from carematters.data import CareData
from tests.costs.frames import d, episodes, header, reviews

EPISODES = episodes(
    # A: 7 nights in-house foster (1-8 Apr), then IFA from 8 Apr to 22 Apr (14 nights); left home.
    ("A", "01/04/2024", "S", "C2", "U6", "PR1", "08/04/2024", "X1"),
    ("A", "08/04/2024", "P", "C2", "U4", "PR4", "22/04/2024", "E4A"),
    # B: kinship from 1 March 2024, still open; a T3 week inherits kinship.
    ("B", "01/03/2024", "S", "V2", "U3", "PR1", "10/04/2024", "X1"),
    ("B", "10/04/2024", "P", "V2", "T3", None, "17/04/2024", "X1"),
    ("B", "17/04/2024", "P", "V2", "U3", "PR1", None, None),
    # C: private children's home from 25 March 2024, open; ignored V3 short break.
    ("C", "25/03/2024", "S", "C1", "K2", "PR4", None, None),
    ("D", "02/04/2024", "S", "V3", "K2", "PR1", "04/04/2024", "E8"),
)
HEADER = header(("A", "01/01/2015"), ("B", "15/04/2008"), ("C", "01/01/2010"), ("D", "01/01/2012"))
REVIEWS = reviews(("A", "01/01/2015", "10/04/2024"), ("C", "01/01/2010", "20/04/2024"))
DATA = CareData({"Episodes": EPISODES, "Header": HEADER, "Reviews": REVIEWS})

APRIL = (date(2024, 4, 1), date(2024, 4, 30))


def test_placement_days_are_costed_per_night():
    result = window_costs(DATA, CostTable.default(), *APRIL)
    by_child = {r["CHILD"]: r for r in result.by_child.iter_rows(named=True)}
    # A: 7 nights at 700/7 + 14 nights at 950/7 = 700 + 1900
    assert by_child["A"]["DAYS"] == 21
    assert by_child["A"]["PLACEMENT_COST"] == pytest.approx(2600)
    # B: all 30 April nights kinship (the T3 week inherits kinship): 30 × 450/7
    assert by_child["B"]["DAYS"] == 30
    assert by_child["B"]["PLACEMENT_COST"] == pytest.approx(30 * 450 / 7)
    # C: 30 nights external residential: 30 × 6100/7
    assert by_child["C"]["PLACEMENT_COST"] == pytest.approx(30 * 6100 / 7)
    # D: short break only, not costed
    assert "D" not in by_child
    assert result.unset == sorted(
        ["weekly:other"] + [f"process:{p}" for p in (
            FIRST_PLACEMENT, CARE_PLANNING, CEASING, SUBSEQUENT_PLACEMENT, REVIEW, LEGAL,
            LEAVING_CARE_TRANSITION)]
    )


def test_a_dated_rate_change_splits_a_placement():
    # IFA rises to £1,050 from 15 April: A has 7 IFA nights (8-14) at 950 and 7 (15-21) at 1,050.
    costs = CostTable.default().with_cost("weekly", "foster_ifa", 1050, date(2024, 4, 15))
    result = window_costs(DATA, costs, *APRIL)
    a = result.by_child.filter(pl.col("CHILD") == "A").row(0, named=True)
    assert a["PLACEMENT_COST"] == pytest.approx(700 + 950 + 1050)


def test_process_events_are_costed_when_set():
    costs = (
        CostTable.default()
        .with_cost("process", FIRST_PLACEMENT, 1000, date(2024, 4, 1))
        .with_cost("process", CARE_PLANNING, 100, date(2024, 4, 1))
        .with_cost("process", REVIEW, 50, date(2024, 4, 1))
        .with_cost("process", SUBSEQUENT_PLACEMENT, 300, date(2024, 4, 1))
        .with_cost("process", CEASING, 200, date(2024, 4, 1))
        .with_cost("process", LEGAL, 5000, date(2024, 4, 1))
        .with_cost("process", LEAVING_CARE_TRANSITION, 400, date(2024, 4, 1))
    )
    result = window_costs(DATA, costs, *APRIL)
    by_child = dict(result.by_child.select("CHILD", "PROCESS_COST").rows())
    # A: start 1 Apr (first placement 1000 + care plan 100 + legal C2 5000), move 8 Apr (300),
    #    review 10 Apr (50 + plan revision 100), ceased 22 Apr (200)
    assert by_child["A"] == pytest.approx(1000 + 100 + 5000 + 300 + 150 + 200)
    # B: 16th birthday 15 Apr 2024 while in care (400); the T3 return is not a new carer.
    assert by_child["B"] == pytest.approx(400)
    # C: review 20 Apr (150); the start and C1 order were in March, outside the window.
    assert by_child["C"] == pytest.approx(150)


def test_cohort_costs_only_count_the_cohort():
    cohort = pl.DataFrame({"CHILD": ["A", "C"]})
    result = window_costs(DATA, CostTable.default(), *APRIL, children=cohort)
    assert result.by_child["CHILD"].to_list() == ["A", "C"]
    assert result.total == pytest.approx(2600 + 30 * 6100 / 7)


def test_period_costs_run_to_the_end_of_the_period():
    periods = period_costs(DATA, CostTable.default(), d("30/04/2024"))
    b = periods.filter(pl.col("CHILD") == "B").row(0, named=True)
    # B: 1 March to 30 April inclusive = 61 nights of kinship
    assert b["DAYS"] == 61
    assert b["PLACEMENT_COST"] == pytest.approx(61 * 450 / 7)


def test_current_population_is_costed_at_weekly_rates():
    current = current_population_cost(DATA, CostTable.default(), d("12/04/2024"))
    weekly = dict(current.select("CHILD", "WEEKLY_COST").rows())
    # A in IFA, B on a T3 week (kinship rate), C in a private home; D's break is excluded.
    assert weekly == {"A": 950, "B": 450, "C": 6100}


def test_unknown_rows_are_rejected():
    bad = CostTable.default().frame.with_columns(pl.lit("nonsense").alias("item"))
    with pytest.raises(ValueError, match="unknown cost rows"):
        CostTable.from_frame(bad)
