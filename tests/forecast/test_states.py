"""Runs: a child's history as consecutive days in one placement group within a period of care."""

from datetime import date

import numpy as np

from carematters.costs.groups import GROUPS
from carematters.forecast.states import population_on, runs, runs_as_at
from tests.costs.frames import d, episodes, header

HISTORY = episodes(
    # A: in-house foster, a T3 week (inherits in-house, so one run), then an IFA; still open.
    ("A", "01/01/2020", "S", "C2", "U6", "PR1", "01/06/2020", "X1"),
    ("A", "01/06/2020", "P", "C2", "T3", None, "08/06/2020", "X1"),
    ("A", "08/06/2020", "P", "C2", "U6", "PR1", "01/09/2020", "X1"),
    ("A", "01/09/2020", "P", "C2", "U4", "PR4", None, None),
    # B: a legal change in the same placement (one run), goes home, comes back to residential.
    ("B", "01/02/2020", "S", "V2", "K2", "PR4", "01/03/2020", "X1"),
    ("B", "01/03/2020", "L", "C2", "K2", "PR4", "01/05/2020", "E13"),
    ("B", "01/07/2020", "S", "C2", "K2", "PR4", None, None),
    # C: a short break only: not in care for the forecast.
    ("C", "01/03/2020", "S", "V3", "K2", "PR1", "03/03/2020", "E8"),
)
HEADER = header(("A", "15/06/2012"), ("B", "01/01/2008"), ("C", "01/01/2010"))


def test_runs_follow_periods_and_groups():
    rows = runs(HISTORY, HEADER).sort("CHILD", "START").select(
        "CHILD", "START", "END", "GROUP", "ENTRY", "EXIT", "NEXT_GROUP").rows()
    assert rows == [
        ("A", d("01/01/2020"), d("01/09/2020"), "foster_in_house", True, False, "foster_ifa"),
        ("A", d("01/09/2020"), None, "foster_ifa", False, False, None),
        ("B", d("01/02/2020"), d("01/05/2020"), "residential_external", True, True, None),
        ("B", d("01/07/2020"), None, "residential_external", True, False, None),
    ]


def test_rewinding_reopens_what_had_not_ended():
    rewound = runs_as_at(runs(HISTORY, HEADER), date(2020, 8, 1)).sort("CHILD", "START")
    assert rewound.select("CHILD", "END", "EXIT", "NEXT_GROUP").rows() == [
        ("A", None, False, None),               # the IFA move on 1 Sep is not known yet
        ("B", d("01/05/2020"), True, None),
        ("B", None, False, None),
    ]


def test_population_is_counted_by_age_in_months():
    population = population_on(runs(HISTORY, HEADER), date(2020, 10, 1), GROUPS)
    # A: 15/06/2012 -> 1 Oct 2020 is 8 years 3 months (99 months), in an IFA.
    # B: 01/01/2008 -> 12 years 9 months (153 months), in external residential.
    assert population.sum() == 2
    assert population[99, GROUPS.index("foster_ifa")] == 1
    assert population[153, GROUPS.index("residential_external")] == 1
    assert np.count_nonzero(population) == 2
