"""The performance framework: national indicators, the adoption scorecard and stability measures,
computed from child-level CareData (spec §2)."""

from carematters.indicators.params import Parameters
from carematters.indicators.registry import Indicator, NotAvailable, all_indicators, get, indicator
from carematters.indicators.results import (
    IndicatorResult,
    compute,
    compute_indicator,
    compute_one,
    results_frame,
)

__all__ = [
    "Indicator", "IndicatorResult", "NotAvailable", "Parameters", "all_indicators", "compute",
    "compute_indicator", "compute_one", "get", "indicator", "results_frame",
]
