"""The projection: steady states stay steady, bands widen, scenarios do what they say."""

from datetime import date

import numpy as np
import polars as pl
import pytest

from carematters.costs import CostTable
from carematters.costs.groups import GROUPS
from carematters.data import CareData
from carematters.forecast import Settings, forecast, scenario_from_mapping
from carematters.forecast.costing import forecast_costs, scenario_cost_change
from carematters.forecast.model import expm, process_variance, project
from carematters.forecast.states import MONTHS
from tests.forecast.history import simulate

G = len(GROUPS)
IN_HOUSE, IFA, RES = (GROUPS.index(g) for g in ("foster_in_house", "foster_ifa",
                                                 "residential_external"))
ORIGIN = date(2021, 3, 31)


def _steady(n: float = 300.0, exit_per_year: float = 0.5):
    """n ten-year-olds in in-house care leaving at 0.5 a year, replaced by ten-year-old entrants."""
    population = np.zeros((MONTHS, G))
    population[120:132, IN_HOUSE] = n / 12
    entry = np.zeros((18, G))
    exit_ = np.zeros((5, G))
    exit_[:, IN_HOUSE] = exit_per_year / 365.25
    entry[10, IN_HOUSE] = n * exit_per_year / 365.25
    return population, entry, np.zeros((5, G, G)), exit_


def test_expm_matches_a_known_two_state_chain():
    # Leaving at rate r: P(still there after t) = exp(-r t).
    q = np.array([[-0.3, 0.3], [0.0, 0.0]])
    assert expm(q * 2)[0, 0] == pytest.approx(np.exp(-0.6))


def test_a_steady_population_stays_steady():
    path = project(*_steady(), ORIGIN, 24)
    totals = path.expected.sum(axis=(1, 2))
    assert totals[0] == pytest.approx(300)
    assert np.abs(totals - 300).max() < 300 * 0.005


def test_chance_variance_grows_with_the_horizon():
    population, entry, move, exit_ = _steady()
    path = project(population, entry, move, exit_, ORIGIN, 24)
    cells, totals = process_variance(population, move, exit_, path)
    overall = totals.sum(axis=1)
    assert overall[0] == 0
    assert np.all(np.diff(overall) > 0)


HISTORY = simulate(
    {"foster_in_house": 60, "foster_ifa": 30, "residential_external": 8},
    {("foster_in_house", "foster_ifa"): 0.2, ("foster_ifa", "residential_external"): 0.1},
    {"foster_in_house": 0.5, "foster_ifa": 0.4, "residential_external": 0.3},
    date(2016, 1, 1), ORIGIN,
)
DATA = CareData({"Episodes": HISTORY[0], "Header": HISTORY[1]})
SETTINGS = Settings(months=12, draws=20)


@pytest.fixture(scope="module")
def base():
    return forecast(DATA, SETTINGS, origin=ORIGIN)


def _totals(frame: pl.DataFrame, placement: str = "all") -> pl.DataFrame:
    return frame.filter((pl.col("age_band") == "all") & (pl.col("placement") == placement))


def test_bands_widen_with_the_horizon(base):
    total = _totals(base.frame())
    width = (total["upper"] - total["lower"]).to_numpy()
    assert width[0] == 0
    assert np.all(np.diff(width) > 0)


def test_a_scenario_that_changes_nothing_equals_the_base(base):
    nothing = scenario_from_mapping({"name": "no change", "adjust": [
        {"kind": "entries", "multiply": 1.0},
        {"kind": "exits", "placement": "foster_ifa", "add": 0},
        {"kind": "transitions", "from": "foster_in_house", "to": "foster_ifa", "multiply": 1},
        {"kind": "shift", "from": "foster_ifa", "to": "foster_in_house", "share": 0.0,
         "current": True},
    ]}, GROUPS)
    assert forecast(DATA, SETTINGS, nothing, origin=ORIGIN).frame().equals(base.frame())


def test_fewer_residential_entries_means_fewer_in_residential(base):
    fewer = scenario_from_mapping({"adjust": [
        {"kind": "entries", "placement": "residential_external", "multiply": 0.9}]}, GROUPS)
    before = _totals(base.frame(), "residential_external")["expected"]
    after = _totals(forecast(DATA, SETTINGS, fewer, origin=ORIGIN).frame(),
                    "residential_external")["expected"]
    assert after[0] == before[0]
    assert (after[1:] < before[1:]).all()


def test_a_shift_of_current_children_moves_them_at_once(base):
    shift = scenario_from_mapping({"adjust": [
        {"kind": "shift", "from": "foster_ifa", "to": "foster_in_house", "share": 0.05,
         "current": True}]}, GROUPS)
    before = base.frame()
    after = forecast(DATA, SETTINGS, shift, origin=ORIGIN).frame()
    moved = _totals(before, "foster_ifa")["expected"][0] * 0.05
    assert _totals(after, "foster_in_house")["expected"][0] == pytest.approx(
        _totals(before, "foster_in_house")["expected"][0] + moved)
    assert _totals(after, "all")["expected"][0] == pytest.approx(
        _totals(before, "all")["expected"][0])


def test_bad_scenarios_are_refused():
    with pytest.raises(ValueError, match="unknown placement"):
        scenario_from_mapping({"adjust": [{"kind": "entries", "placement": "castle"}]}, GROUPS)
    with pytest.raises(ValueError, match="kind"):
        scenario_from_mapping({"adjust": [{"kind": "more"}]}, GROUPS)


def test_forecast_costs_are_child_days_at_weekly_rates(base):
    fc = base
    costs = forecast_costs(fc, CostTable.default())
    first = costs.filter((pl.col("start") == ORIGIN) & (pl.col("placement") == "foster_in_house"))
    # £700 a week in-house: each child-day costs £100.
    assert first["cost"][0] == pytest.approx(first["child_days"][0] * 100)
    same = scenario_cost_change(fc, fc, CostTable.default())
    assert (same["change"] == 0).all()
