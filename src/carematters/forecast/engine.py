"""Forecast a care population: learn rates from a reference window, project, put bands round it.

Bands (docs/forecast.md): variance = chance given the rates (exact under the model, see
`process_variance`) + uncertainty in the rates themselves (the spread of expected paths over
draws from each rate's Gamma posterior). The band is expected ± z·sd at the chosen level,
floored at zero: a normal approximation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist

import numpy as np
import polars as pl

from carematters.costs.groups import GROUPS
from carematters.data.caredata import CareData
from carematters.data.years import add_months, year_end
from carematters.forecast.model import process_variance, project, project_totals
from carematters.forecast.rates import Rates, estimate
from carematters.forecast.scenario import BASE, Scenario, apply_to_population, apply_to_rates
from carematters.forecast.states import BAND_LABELS, band_of_month, population_on, runs

ALL = "all"


@dataclass(frozen=True)
class Settings:
    months: int = 24
    reference_months: int = 24    # the window rates are learnt from, ending at the origin
    draws: int = 100              # parameter draws for the bands (0 = chance only)
    level: float = 0.95
    seed: int = 0
    prior_days: float = 90.0


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class Forecast:
    """Expected children and variance by [step, band(+all), group(+all)]; child_days [step, G]."""

    origin: date
    dates: list[date]
    groups: tuple[str, ...]
    scenario: Scenario
    rates: Rates
    expected: np.ndarray
    variance: np.ndarray
    child_days: np.ndarray
    level: float

    def frame(self) -> pl.DataFrame:
        """date, age_band, placement, expected, lower, upper ("all" rows are totals)."""
        z = NormalDist().inv_cdf(0.5 + self.level / 2)
        bands, groups = (*BAND_LABELS, ALL), (*self.groups, ALL)
        k, b, g = np.meshgrid(np.arange(len(self.dates)), np.arange(len(bands)),
                              np.arange(len(groups)), indexing="ij")
        mean = self.expected[k, b, g].ravel()
        sd = np.sqrt(np.maximum(self.variance[k, b, g], 0)).ravel()
        return pl.DataFrame({
            "date": [self.dates[i] for i in k.ravel()],
            "age_band": [bands[i] for i in b.ravel()],
            "placement": [groups[i] for i in g.ravel()],
            "expected": mean,
            "lower": np.maximum(mean - z * sd, 0.0),
            "upper": mean + z * sd,
        })


def _band_matrix() -> np.ndarray:
    onehot = np.zeros((len(band_of_month()), len(BAND_LABELS)))
    onehot[np.arange(onehot.shape[0]), band_of_month()] = 1
    return onehot


def _with_totals(cells: np.ndarray, band_totals: np.ndarray | None = None) -> np.ndarray:
    """[..., M, G] -> [..., B+1, G+1]: band × group, plus all-band and all-group margins."""
    by_band = np.einsum("...mg,mb->...bg", cells, _band_matrix())
    row_totals = by_band.sum(axis=-1) if band_totals is None else band_totals
    table = np.concatenate([by_band, row_totals[..., None]], axis=-1)
    return np.concatenate([table, table.sum(axis=-2, keepdims=True)], axis=-2)


def data_end(data: CareData) -> date:
    """The last day the data describes: 31 March of its last collection year, else the last date."""
    if data.years:
        return year_end(max(data.years))
    episodes = data["Episodes"]
    return max(d for d in (episodes["DECOM"].max(), episodes["DEC"].max()) if d is not None)


def forecast_runs(run_frame: pl.DataFrame, origin: date, settings: Settings = DEFAULT_SETTINGS,
                  scenario: Scenario = BASE, groups: tuple[str, ...] = GROUPS) -> Forecast:
    """Forecast from prepared runs (see `states.runs`), learning from the window before origin."""
    if settings.months < 1 or settings.reference_months < 1 or not 0 < settings.level < 1:
        raise ValueError("months and reference months must be at least 1, level in (0, 1)")
    window_start = add_months(origin, -settings.reference_months) + timedelta(days=1)
    rates = estimate(run_frame, groups, window_start, origin, settings.prior_days)
    population = apply_to_population(scenario, groups, population_on(run_frame, origin, groups))
    entry, move, exit_ = apply_to_rates(
        scenario, groups, rates.entry_rate(), rates.move_rate(), rates.exit_rate()
    )
    path = project(population, entry, move, exit_, origin, settings.months)
    cells, totals = process_variance(population, move, exit_, path)
    variance = _with_totals(cells, np.einsum("km,mb->kb", totals, _band_matrix()))
    expected = _with_totals(path.expected)
    if settings.draws:
        rng = np.random.default_rng(settings.seed)
        drawn = apply_to_rates(scenario, groups, *rates.draws(settings.draws, rng))
        spread = _with_totals(project_totals(population, *drawn, origin, settings.months))
        variance = variance + spread.var(axis=1)
    return Forecast(origin, path.dates, groups, scenario, rates, expected, variance,
                    path.child_days, settings.level)


def forecast(data: CareData, settings: Settings = DEFAULT_SETTINGS, scenario: Scenario = BASE,
             origin: date | None = None) -> Forecast:
    """Forecast the care population from `origin` (default: the end of the data)."""
    origin = origin or data_end(data)
    return forecast_runs(runs(data["Episodes"], data["Header"]), origin, settings, scenario)


def observed(run_frame: pl.DataFrame, origin: date, months: int,
             groups: tuple[str, ...] = GROUPS) -> pl.DataFrame:
    """What happened: children in care (under 18) at each month-end up to `origin`, for
    drawing history beside a forecast. Columns date, placement (with "all"), children."""
    rows = []
    for k in range(months, -1, -1):
        day = add_months(origin, -k)
        counts = population_on(run_frame, day, groups).sum(axis=0)
        rows += [(day, g, float(c)) for g, c in zip(groups, counts, strict=True)]
        rows.append((day, ALL, float(counts.sum())))
    return pl.DataFrame(rows, schema={"date": pl.Date, "placement": pl.String,
                                      "children": pl.Float64}, orient="row")
