"""The indicator registry: each indicator declared once with its definition and its computation.

An indicator module declares indicators with `@indicator(...)` on a function that takes a
`Context` and returns one row per child considered: CHILD, in_denominator, in_numerator and, for
averages, value (or a tuple of that frame and a note on how this data was used). The framework turns that drill-down into numerator, denominator and value, so
every published figure can be traced to the children behind it.

Modules in this package are discovered by name (`all_indicators()` imports them); an id declared
twice is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

Direction = Literal["higher", "lower", "none"]
#: "%" numerator/denominator x 100; "mean" and "days" the average of value over the denominator;
#: "count" a number of children; "rate" per 10,000 of the child population.
Unit = Literal["%", "mean", "days", "miles", "count", "rate"]
AVERAGE_UNITS = ("mean", "days", "miles")

#: Columns every drill-down frame carries (value only for averages).
DRILLDOWN_SCHEMA = {"CHILD": pl.String(), "in_denominator": pl.Boolean(),
                    "in_numerator": pl.Boolean(), "value": pl.Float64()}


class NotAvailable(Exception):  # noqa: N818 - reads as "indicator not available"
    """The data or a parameter the indicator needs is missing; the message says which."""


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    theme: str
    definition: str
    numerator: str
    denominator: str
    exclusions: str
    direction: Direction
    unit: Unit
    tables: tuple[str, ...]
    compute: Callable[..., pl.DataFrame | tuple[pl.DataFrame, str]]
    requires: tuple[str, ...] = ()  # tables that must be in the data (extension or late tables)
    params: tuple[str, ...] = ()  # Parameters fields this indicator reads
    history_years: int = 1  # collection years of returns needed for an exact figure
    spec: str = ""  # section of the domain specification


_REGISTRY: dict[str, Indicator] = {}

#: Order of themes in tables and reports.
THEMES = ("headline", "stability", "adoption", "health", "education", "reviews", "care_leavers")


def register(ind: Indicator) -> Indicator:
    if ind.id in _REGISTRY and _REGISTRY[ind.id].compute is not ind.compute:
        raise ValueError(f"indicator {ind.id} declared twice")
    _REGISTRY[ind.id] = ind
    return ind


def indicator(
    id: str,  # noqa: A002 - the domain calls it the indicator id
    *,
    title: str,
    theme: str,
    definition: str,
    numerator: str,
    denominator: str,
    direction: Direction,
    unit: Unit,
    tables: tuple[str, ...],
    exclusions: str = "",
    requires: tuple[str, ...] = (),
    params: tuple[str, ...] = (),
    history_years: int = 1,
    spec: str = "",
) -> Callable[[Callable[..., pl.DataFrame]], Callable[..., pl.DataFrame]]:
    """Declare the decorated function as indicator `id`."""

    def decorate(fn: Callable[..., pl.DataFrame]) -> Callable[..., pl.DataFrame]:
        register(Indicator(id, title, theme, definition, numerator, denominator, exclusions,
                           direction, unit, tables, fn, requires, params, history_years, spec))
        return fn

    return decorate


def discover() -> None:
    """Import every module of this package so their declarations run."""
    import carematters.indicators as package

    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")


def all_indicators() -> dict[str, Indicator]:
    """Every declared indicator, by theme (THEMES order) then declaration order."""
    discover()
    rank = {theme: i for i, theme in enumerate(THEMES)}
    ordered = sorted(_REGISTRY.values(), key=lambda ind: rank.get(ind.theme, len(rank)))
    return {ind.id: ind for ind in ordered}


def get(indicator_id: str) -> Indicator:
    found = all_indicators()
    try:
        return found[indicator_id]
    except KeyError:
        raise KeyError(f"unknown indicator {indicator_id!r}") from None
