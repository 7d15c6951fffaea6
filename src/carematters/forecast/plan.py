"""The forecast's steps from one origin, shared by the command and the planning pages.

Both project from prepared runs, optionally under a scenario, learn the in-house and in-area
shares over the same reference window, and score the model by rewinding; they differ only in
the origin (the end of the returns for the command, today for the pages) and in what they cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from carematters.data.caredata import CareData
from carematters.forecast.backtest import Backtest, backtest
from carematters.forecast.engine import Forecast, Settings, forecast_runs, observed
from carematters.forecast.scenario import BASE, Scenario
from carematters.forecast.states import runs
from carematters.forecast.sufficiency import own_districts, placement_shares, sufficiency


@dataclass(frozen=True)
class Plan:
    base: Forecast
    chosen: Forecast                  # the scenario's forecast (the base itself for BASE)
    history: pl.DataFrame             # observed month-ends before the origin
    sufficiency: pl.DataFrame         # of the chosen forecast
    backtest: Backtest | None
    backtest_problem: str = ""        # why there is no backtest when one was asked for


def plan(data: CareData, origin: date, settings: Settings, scenario: Scenario = BASE, *,
         backtest_years: int = 0, districts: Sequence[str] | None = None) -> Plan:
    """Forecast `data` from `origin`; a backtest the history is too short for is left out with
    its reason rather than failing the whole plan."""
    episodes = data["Episodes"]
    run_frame = runs(episodes, data["Header"])
    base = forecast_runs(run_frame, origin, settings)
    chosen = base if scenario is BASE else forecast_runs(run_frame, origin, settings, scenario)
    own = list(districts) if districts else own_districts(episodes)
    shares = placement_shares(episodes, base.rates.start, base.rates.end, own)
    checked, problem = None, ""
    if backtest_years:
        try:
            checked = backtest(run_frame, origin, years=backtest_years, settings=settings)
        except ValueError as error:
            problem = str(error)
    return Plan(base, chosen, observed(run_frame, origin, settings.reference_months),
                sufficiency(chosen, shares), checked, problem)
