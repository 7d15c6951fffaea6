"""Care population forecasts by age band × placement group, with bands, scenarios, costs,
sufficiency and backtests (docs/forecast.md)."""

from carematters.forecast.engine import Forecast, Settings, data_end, forecast, forecast_runs
from carematters.forecast.scenario import BASE, Adjustment, Scenario, scenario_from_mapping
from carematters.forecast.states import AGE_BANDS, BAND_LABELS, as_at, runs

__all__ = [
    "Forecast", "Settings", "data_end", "forecast", "forecast_runs", "BASE", "Adjustment",
    "Scenario", "scenario_from_mapping", "AGE_BANDS", "BAND_LABELS", "as_at", "runs",
]
