"""Scenarios: what-ifs applied to the learnt rates ("10% fewer residential entries", "shift 5%
of IFA placements to in-house foster care").

A scenario is a name and a list of adjustments, read from a small TOML, JSON or YAML file by
the command and handed here as a mapping (see docs/forecast.md for the format):

    kind = "entries"      multiply and/or add (children a year) to entries
    kind = "exits"        multiply and/or add (per child a year) to leaving-care rates
    kind = "transitions"  multiply and/or add (per child a year) to moves `from` -> `to`
    kind = "shift"        send `share` of new placements (entries and moves) into `from` to `to`
                          instead; with current = true also move that share of children there now

Each adjustment may name `placement` (or `from`/`to`) and `age_band`, one or a list; left out
means all. Adjustments apply in file order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from carematters.forecast.states import BAND_LABELS, band_of_month, band_of_year

KINDS = ("entries", "exits", "transitions", "shift")
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Adjustment:
    kind: str
    placements: tuple[str, ...] | None = None     # entries/exits: the groups; transitions/shift: from
    to: tuple[str, ...] | None = None             # transitions/shift: destination groups
    age_bands: tuple[str, ...] | None = None
    multiply: float = 1.0
    add: float = 0.0
    share: float = 0.0
    current: bool = False


@dataclass(frozen=True)
class Scenario:
    name: str = "base"
    adjustments: tuple[Adjustment, ...] = ()
    description: str = ""


BASE = Scenario()


def _names(value: Any, allowed: Sequence[str], what: str) -> tuple[str, ...] | None:
    if value is None or value == "*" or value == "all":
        return None
    names = (value,) if isinstance(value, str) else tuple(value)
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
    return names


def _adjustment(raw: Mapping[str, Any], groups: Sequence[str]) -> Adjustment:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"adjustment kind must be one of {', '.join(KINDS)}, got {kind!r}")
    known = {"kind", "placement", "from", "to", "age_band", "multiply", "add", "share", "current"}
    extra = sorted(set(raw) - known)
    if extra:
        raise ValueError(f"unknown scenario keys: {', '.join(extra)}")
    source = raw.get("from", raw.get("placement"))
    adjustment = Adjustment(
        kind=kind,
        placements=_names(source, groups, "placement"),
        to=_names(raw.get("to"), groups, "placement"),
        age_bands=_names(raw.get("age_band"), BAND_LABELS, "age band"),
        multiply=float(raw.get("multiply", 1.0)),
        add=float(raw.get("add", 0.0)),
        share=float(raw.get("share", 0.0)),
        current=bool(raw.get("current", False)),
    )
    if adjustment.multiply < 0:
        raise ValueError("multiply must not be negative")
    if kind == "shift":
        if not (adjustment.placements and adjustment.to
                and len(adjustment.placements) == 1 and len(adjustment.to) == 1):
            raise ValueError("a shift needs exactly one `from` and one `to` placement")
        if not 0 <= adjustment.share <= 1:
            raise ValueError("shift share must be between 0 and 1")
    return adjustment


def scenario_from_mapping(raw: Mapping[str, Any], groups: Sequence[str]) -> Scenario:
    """A Scenario from a parsed file: {name, description?, adjust: [ {...}, ... ]}."""
    items = raw.get("adjust", [])
    if not isinstance(items, list):
        raise ValueError("`adjust` must be a list of adjustments")
    return Scenario(
        name=str(raw.get("name", "scenario")),
        adjustments=tuple(_adjustment(item, groups) for item in items),
        description=str(raw.get("description", "")),
    )


def _mask(names: tuple[str, ...] | None, universe: Sequence[str]) -> np.ndarray:
    return np.array([names is None or u in names for u in universe])


def _bands(adj: Adjustment) -> np.ndarray:
    return _mask(adj.age_bands, BAND_LABELS)


def _entries(adj: Adjustment, groups: Sequence[str], entry: np.ndarray) -> np.ndarray:
    selected = _bands(adj)[band_of_year()][:, None] & _mask(adj.placements, groups)[None, :]
    entry = np.where(selected, entry * adj.multiply, entry)
    if adj.add:
        # Extra entrants share out like the existing ones in the selected cells (evenly if none).
        base = entry * selected
        total = base.sum(axis=(-2, -1), keepdims=True)
        even = selected / max(selected.sum(), 1)
        weights = np.where(total > 0, base / np.where(total > 0, total, 1.0), even)
        entry = np.maximum(entry + weights * adj.add / DAYS_PER_YEAR, 0.0)
    return entry


def _exits(adj: Adjustment, groups: Sequence[str], exit_: np.ndarray) -> np.ndarray:
    selected = _bands(adj)[:, None] & _mask(adj.placements, groups)[None, :]
    return np.where(selected, np.maximum(exit_ * adj.multiply + adj.add / DAYS_PER_YEAR, 0.0), exit_)


def _transitions(adj: Adjustment, groups: Sequence[str], move: np.ndarray) -> np.ndarray:
    n = len(groups)
    selected = (
        _bands(adj)[:, None, None]
        & _mask(adj.placements, groups)[None, :, None]
        & _mask(adj.to, groups)[None, None, :]
        & ~np.eye(n, dtype=bool)[None]
    )
    return np.where(selected, np.maximum(move * adj.multiply + adj.add / DAYS_PER_YEAR, 0.0), move)


def _shift_rates(adj: Adjustment, groups: Sequence[str], entry: np.ndarray, move: np.ndarray,
                 ) -> tuple[np.ndarray, np.ndarray]:
    f, t = groups.index(adj.placements[0]), groups.index(adj.to[0])
    years = _bands(adj)[band_of_year()]
    entry = entry.copy()
    moved = entry[..., f] * adj.share * years
    entry[..., f] -= moved
    entry[..., t] += moved
    move = move.copy()
    bands = _bands(adj)
    redirected = move[..., f] * adj.share * bands[:, None]     # every g -> f, per band
    move[..., f] -= redirected
    # Moves into `from` now go to `to`; a child already in `to` just stays there.
    others = np.ones(len(groups), dtype=bool)
    others[t] = False
    move[..., t] += redirected * others
    return entry, move


def apply_to_rates(scenario: Scenario, groups: Sequence[str], entry: np.ndarray,
                   move: np.ndarray, exit_: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rates under the scenario; arrays may carry a leading axis of parameter draws."""
    for adj in scenario.adjustments:
        if adj.kind == "entries":
            entry = _entries(adj, groups, entry)
        elif adj.kind == "exits":
            exit_ = _exits(adj, groups, exit_)
        elif adj.kind == "transitions":
            move = _transitions(adj, groups, move)
        else:
            entry, move = _shift_rates(adj, groups, entry, move)
    return entry, move, exit_


def apply_to_population(scenario: Scenario, groups: Sequence[str], population: np.ndarray,
                        ) -> np.ndarray:
    """The starting population [month, group] after shifts marked current = true."""
    population = population.copy()
    for adj in scenario.adjustments:
        if adj.kind == "shift" and adj.current:
            f, t = groups.index(adj.placements[0]), groups.index(adj.to[0])
            moved = population[:, f] * adj.share * _bands(adj)[band_of_month()]
            population[:, f] -= moved
            population[:, t] += moved
    return population
