"""The projection: a continuous-time Markov model over (age in months, placement group), stepped
a calendar month at a time.

Each month, every child in group g moves or leaves at the learnt per-day rates of their age
band (the month's transition matrix is the matrix exponential of the rate matrix × days, so
several moves in one month are allowed for); everyone then grows a month older, and those
reaching 18 leave care. Entrants arrive at the learnt daily rate for their age and group and
are given half a month of moves. Ageing is exact because ages are tracked in months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from carematters.data.years import add_months
from carematters.forecast.states import MONTHS, band_of_month


def expm(a: np.ndarray, terms: int = 14) -> np.ndarray:
    """Matrix exponential of a stack of small matrices (scaling and squaring, Taylor series)."""
    norm = np.abs(a).sum(axis=-1).max()
    squarings = max(0, int(np.ceil(np.log2(norm))) + 1) if norm > 0 else 0
    scaled = a / (2.0 ** squarings)
    eye = np.broadcast_to(np.eye(a.shape[-1]), a.shape)
    result, term = eye.copy(), eye.copy()
    for k in range(1, terms + 1):
        term = term @ scaled / k
        result = result + term
    for _ in range(squarings):
        result = result @ result
    return result


def generator(move: np.ndarray, exit_: np.ndarray) -> np.ndarray:
    """Rate matrices [..., B, G+1, G+1] with leaving care as the last, absorbing, state."""
    shape = move.shape[:-1]
    q = np.zeros((*shape[:-1], shape[-1] + 1, shape[-1] + 1))
    n = shape[-1]
    q[..., :n, :n] = move
    q[..., :n, n] = exit_
    idx = np.arange(n)
    q[..., idx, idx] = 0.0
    q[..., idx, idx] = -q[..., :n, :].sum(axis=-1)
    return q


def step_dates(origin: date, months: int) -> list[date]:
    return [add_months(origin, k) for k in range(months + 1)]


def _age(array: np.ndarray) -> np.ndarray:
    """Everyone a month older; the oldest month (17y 11m) turns 18 and leaves."""
    aged = np.zeros_like(array)
    aged[..., 1:, :] = array[..., :-1, :]
    return aged


@lru_cache(maxsize=1)
def _band_slices() -> list[slice]:
    """Contiguous runs of age months sharing a band (rates depend on the band only)."""
    band = band_of_month()
    edges = [0, *(np.flatnonzero(np.diff(band)) + 1), len(band)]
    return [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]


def _move(array: np.ndarray, matrices: np.ndarray) -> np.ndarray:
    """array [..., M, G] times each month's band matrix, matrices [..., B, G, G]."""
    out = np.empty_like(array)
    for b, months in enumerate(_band_slices()):
        out[..., months, :] = array[..., months, :] @ matrices[..., b, :, :]
    return out


def _monthly_entries(entry: np.ndarray, days: int) -> np.ndarray:
    """Expected entrants in a step by age month: a year of age's rate spread over its months."""
    return np.repeat(entry, 12, axis=-2) * days / 12


@dataclass(frozen=True)
class Path:
    """Expected children [step, month, group], split by origin, and child-days per step."""

    dates: list[date]
    from_start: np.ndarray      # children in care at the origin, still in care [K+1, ..., M, G]
    from_entrants: np.ndarray   # children who entered after the origin
    child_days: np.ndarray      # expected child-days in each group during each step [K, ..., G]

    @property
    def expected(self) -> np.ndarray:
        return self.from_start + self.from_entrants


def _steps(move: np.ndarray, exit_: np.ndarray, dates: list[date], n: int):
    """Per step: (days, full-month matrices, half-month matrices) over the groups."""
    q = generator(move, exit_)
    for k in range(len(dates) - 1):
        days = (dates[k + 1] - dates[k]).days
        half_step = expm(q * days / 2)
        yield days, (half_step @ half_step)[..., :n, :n], half_step[..., :n, :n]


def project(population: np.ndarray, entry: np.ndarray, move: np.ndarray, exit_: np.ndarray,
            origin: date, months: int) -> Path:
    """Expected path, split by origin (the point rates: no leading axes)."""
    dates = step_dates(origin, months)
    n = population.shape[-1]
    start = population.astype(float)
    entrants = np.zeros_like(start)
    starts, ents, days_out = [start], [entrants], []
    for days, full, half in _steps(move, exit_, dates, n):
        before = (start + entrants).sum(axis=-2)
        start = _age(_move(start, full))
        entrants = _age(_move(entrants, full)) + _move(_monthly_entries(entry, days), half)
        days_out.append((before + (start + entrants).sum(axis=-2)) / 2 * days)
        starts.append(start)
        ents.append(entrants)
    return Path(dates, np.stack(starts), np.stack(ents), np.stack(days_out))


def project_totals(population: np.ndarray, entry: np.ndarray, move: np.ndarray,
                   exit_: np.ndarray, origin: date, months: int) -> np.ndarray:
    """Expected children [K+1, ..., M, G] only; leading axes on the rates (parameter draws)
    carry through. The same arithmetic as `project`, on one array instead of two."""
    dates = step_dates(origin, months)
    n = population.shape[-1]
    total = np.broadcast_to(population, (*entry.shape[:-2], MONTHS, n)).astype(float)
    out = [total]
    for days, full, half in _steps(move, exit_, dates, n):
        total = _age(_move(total, full)) + _move(_monthly_entries(entry, days), half)
        out.append(total)
    return np.stack(out)


def process_variance(population: np.ndarray, move: np.ndarray, exit_: np.ndarray,
                     path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Variance of the counts from chance alone, given the rates, exactly under the model.

    Each child in care at the origin follows the chain on their own, so a count of them is a
    sum of independent Bernoullis (variance p(1-p) each). Entrants form a Poisson process, and
    a thinned Poisson process is Poisson, so their count in any cell has variance equal to its
    mean. `path` is the expected path for the same rates. Returns (cell variance [K+1, M, G],
    variance of the all-groups total per month [K+1, M]) for point rates (no leading axes).
    """
    dates = path.dates
    q = generator(move, exit_)
    band = band_of_month()
    n = population.shape[-1]
    # where[m, g0, g]: chance a child of age m who started in g0 is now in g.
    where = np.broadcast_to(np.eye(n), (MONTHS, n, n)).copy()
    counts = population.copy()
    cells, totals = [], []
    for k in range(len(dates)):
        if k:
            full = expm(q * (dates[k] - dates[k - 1]).days)[band, :n, :n]
            where = np.einsum("mag,mgh->mah", where, full)
            where = np.concatenate([np.broadcast_to(np.eye(n), (1, n, n)), where[:-1]])
            counts = _age(counts)
        stay = where.sum(axis=-1)
        cells.append(np.einsum("ma,mag->mg", counts, where * (1 - where)) + path.from_entrants[k])
        totals.append(np.einsum("ma,ma->m", counts, stay * (1 - stay))
                      + path.from_entrants[k].sum(axis=-1))
    return np.stack(cells), np.stack(totals)
