"""Backtesting on a history made from constant rates: the model that made it should score well,
and the actual counts must be the children really in care on each date."""

from datetime import date

import polars as pl

from carematters.data.episodes import drop_short_breaks, looked_after_on
from carematters.data.years import age_on_expr
from carematters.forecast import Settings, runs
from carematters.forecast.backtest import backtest
from tests.forecast.history import simulate

END = date(2021, 3, 31)
EPISODES, HEADER = simulate(
    {"foster_in_house": 80, "foster_ifa": 40, "residential_external": 10},
    {("foster_in_house", "foster_ifa"): 0.2, ("foster_ifa", "residential_external"): 0.1},
    {"foster_in_house": 0.5, "foster_ifa": 0.4, "residential_external": 0.3},
    date(2013, 1, 1), END, seed=7,
)


def test_backtest_scores_each_horizon_the_data_reaches():
    result = backtest(runs(EPISODES, HEADER), END, years=2, settings=Settings(draws=20))
    origins = result.detail.select("origin", "horizon").unique().sort("origin", "horizon")
    # From 31/03/2019: 6, 12 and 24 months fit before the end; from 31/03/2020 only 6 and 12.
    assert origins.rows() == [
        (date(2019, 3, 31), 6), (date(2019, 3, 31), 12), (date(2019, 3, 31), 24),
        (date(2020, 3, 31), 6), (date(2020, 3, 31), 12),
    ]
    total = result.summary.filter(pl.col("placement") == "all")
    assert total["origins"].to_list() == [2, 2, 1]
    # A constant-rate history is what the model assumes: errors stay small.
    assert (total["mape"] < 0.1).all()


def _under_18_in_care(day: date) -> int:
    in_care = looked_after_on(drop_short_breaks(EPISODES), day).join(HEADER, on="CHILD")
    return in_care.filter(age_on_expr(pl.col("DOB"), day) < 18).height


def test_backtest_actuals_are_the_children_in_care():
    result = backtest(runs(EPISODES, HEADER), END, years=1, horizons=(12,),
                      settings=Settings(draws=0))
    total = result.detail.filter(pl.col("placement") == "all").row(0, named=True)
    # The model's population is children under 18 (the simulator lets some stay on past 18).
    assert total["actual"] == _under_18_in_care(END)
    assert _under_18_in_care(END) < looked_after_on(drop_short_breaks(EPISODES), END).height
    # The no-change baseline is the population at the origin, a year earlier.
    assert total["at_origin"] == _under_18_in_care(date(2020, 3, 31))
