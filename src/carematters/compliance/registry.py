"""The timescale registry: each module `tNN_*.py` in this package declares its clocks with
`@timescale`, and `evaluate` runs them all. Adding a timescale is adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from carematters.compliance.context import Context

ItemFunction = Callable[["Context"], pl.DataFrame]


@dataclass(frozen=True)
class Timescale:
    items: tuple[str, ...]
    title: str
    rule: str
    function: ItemFunction
    #: Event tables the clock reads; without them in the data it cannot be judged, so it is
    #: skipped rather than reporting every child overdue.
    needs: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.function.__module__.rsplit(".", 1)[-1]


_REGISTERED: list[Timescale] = []


def timescale(
    *items: str, title: str, rule: str, needs: tuple[str, ...] = ()
) -> Callable[[ItemFunction], ItemFunction]:
    """Declare a function that returns the items of one timescale family for every child."""

    def register(function: ItemFunction) -> ItemFunction:
        _REGISTERED.append(Timescale(tuple(items), title, rule, function, needs))
        return function

    return register


@cache
def timescales() -> tuple[Timescale, ...]:
    """Every declared timescale, found by importing the `t*` modules; item codes must be unique."""
    import carematters.compliance as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("t") and module.name[1:3].isdigit():
            importlib.import_module(f"{package.__name__}.{module.name}")
    seen: dict[str, str] = {}
    for ts in _REGISTERED:
        for item in ts.items:
            if item in seen and seen[item] != ts.name:
                raise ValueError(f"timescale {item} declared by both {seen[item]} and {ts.name}")
            seen[item] = ts.name
    return tuple(sorted(_REGISTERED, key=lambda ts: int(ts.items[0][1:])))
