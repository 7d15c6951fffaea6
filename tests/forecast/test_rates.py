"""Rates learnt from a hand-built history equal the rates that made it."""

from datetime import date

import numpy as np
import pytest

from carematters.costs.groups import GROUPS
from carematters.forecast.rates import estimate
from carematters.forecast.states import runs
from tests.costs.frames import episodes, header

IN_HOUSE, IFA = GROUPS.index("foster_in_house"), GROUPS.index("foster_ifa")
TEN_TO_15, SIXTEEN_17 = 3, 4
# Window: the 365 nights 1 April 2022 - 31 March 2023.
START, END = date(2022, 4, 1), date(2023, 3, 31)

HISTORY = episodes(
    # A, B: in-house foster care throughout, aged 12: 2 × 365 nights, no events.
    ("A", "01/01/2020", "S", "C2", "U6", "PR1", None, None),
    ("B", "01/01/2021", "S", "C2", "U6", "PR1", None, None),
    # C: in-house until moving to an IFA on 1 Oct 2022: 183 in-house nights, one move,
    #    then 182 IFA nights.
    ("C", "01/01/2021", "S", "C2", "U6", "PR1", "01/10/2022", "X1"),
    ("C", "01/10/2022", "P", "C2", "U4", "PR4", None, None),
    # D: in-house until going home on 1 July 2022: 91 nights, one exit.
    ("D", "01/01/2021", "S", "C2", "U6", "PR1", "01/07/2022", "E13"),
    # E: enters an IFA on 1 Jan 2023 aged 12: one entry, 90 IFA nights.
    ("E", "01/01/2023", "S", "C2", "U6", "PR4", None, None),
    # F: turns 18 on 1 Sep 2022 and leaves that day: 153 nights aged 16-17, ageing out, not an exit.
    ("F", "01/01/2021", "S", "V2", "U6", "PR1", "01/09/2022", "E8"),
)
HEADER = header(("A", "01/06/2010"), ("B", "01/06/2010"), ("C", "01/06/2010"),
                ("D", "01/06/2010"), ("E", "01/06/2010"), ("F", "01/09/2004"))


def test_rates_equal_the_constructed_history():
    rates = estimate(runs(HISTORY, HEADER), GROUPS, START, END, prior_days=0)
    assert rates.window_days == 365
    assert rates.exposure[TEN_TO_15, IN_HOUSE] == 2 * 365 + 183 + 91
    assert rates.exposure[TEN_TO_15, IFA] == 182 + 90
    assert rates.exposure[SIXTEEN_17, IN_HOUSE] == 153
    assert rates.move_rate()[TEN_TO_15, IN_HOUSE, IFA] == pytest.approx(1 / (2 * 365 + 183 + 91))
    assert rates.exit_rate()[TEN_TO_15, IN_HOUSE] == pytest.approx(1 / (2 * 365 + 183 + 91))
    # F left at 18: ageing out is the projection's job, not an exit rate.
    assert rates.exit_rate()[SIXTEEN_17, IN_HOUSE] == 0
    assert rates.entry_rate()[12, IFA] == pytest.approx(1 / 365)
    assert rates.entries.sum() == 1


def test_thin_cells_borrow_from_the_group_rate():
    # With a prior, the 16-17 in-house cell (153 nights, no events) is pulled towards the
    # in-house all-ages exit rate: 1 exit / (1004 + 153) nights.
    rates = estimate(runs(HISTORY, HEADER), GROUPS, START, END, prior_days=90)
    pooled = 1 / (2 * 365 + 183 + 91 + 153)
    assert rates.exit_rate()[SIXTEEN_17, IN_HOUSE] == pytest.approx(90 * pooled / (153 + 90))


def test_parameter_draws_centre_on_the_estimates():
    rates = estimate(runs(HISTORY, HEADER), GROUPS, START, END, prior_days=90)
    _, _, exits = rates.draws(4000, np.random.default_rng(3))
    assert exits[:, TEN_TO_15, IN_HOUSE].mean() == pytest.approx(
        rates.exit_rate()[TEN_TO_15, IN_HOUSE], rel=0.05)
