"""Rule declarations and discovery.

A rule is a function from the shared `Context` to the offending rows, declared with `@rule(...)`
(one rule per function) or built with `Rule(...)` and listed in a module-level `RULES` list (a
family module declaring many codes of one shape). Every module under `validation.rules` is
imported once; every `Rule` found in it is registered; a code declared twice is an error, so two
helpers adding the same rule find out at import time, not in a report.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from carematters.validation.context import Context

#: What a rule gives back: offending rows of one table, or of several tables keyed by name.
#: Each frame holds at least `_row` (1-based source row) and `CHILD`.
RuleResult = pl.DataFrame | Mapping[str, pl.DataFrame]
Check = Callable[["Context"], RuleResult]


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    tables: tuple[str, ...]
    fields: tuple[str, ...]
    check: Check
    first_year: int | None = None
    last_year: int | None = None

    def in_force(self, year: int | None) -> bool:
        if year is None:
            return True
        if self.first_year is not None and year < self.first_year:
            return False
        return self.last_year is None or year <= self.last_year

    def __call__(self, ctx: Context) -> RuleResult:
        return self.check(ctx)


def rule(
    code: str,
    message: str,
    *,
    tables: tuple[str, ...] | list[str],
    fields: tuple[str, ...] | list[str] = (),
    first_year: int | None = None,
    last_year: int | None = None,
) -> Callable[[Check], Rule]:
    """Declare the decorated function as DfE rule `code`.

    `first_year`/`last_year` are collection years (the year ending 31 March) the rule is in force.
    """

    def wrap(check: Check) -> Rule:
        return Rule(code, message, tuple(tables), tuple(fields), check, first_year, last_year)

    return wrap


def _rules_in(module: object) -> list[Rule]:
    found = [value for value in vars(module).values() if isinstance(value, Rule)]
    found += list(getattr(module, "RULES", ()))
    return found


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule in `carematters.validation.rules`, by code, in code order."""
    import carematters.validation.rules as package

    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name)
    ]
    return collect(modules)


def collect(modules: list[object]) -> dict[str, Rule]:
    """The rules declared in `modules`, by code in code order; a code declared twice raises."""
    rules: dict[str, Rule] = {}
    for module in modules:
        for found in _rules_in(module):
            if found.code in rules and rules[found.code] is not found:
                name = getattr(module, "__name__", module)
                raise ValueError(f"rule {found.code} is declared twice (again in {name})")
            rules[found.code] = found
    return dict(sorted(rules.items(), key=lambda item: _code_key(item[0])))


def _code_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if code[0].isdigit() and digits else 10**6, code)


def rules_for(year: int | None, codes: list[str] | None = None) -> list[Rule]:
    """Rules in force in `year`, optionally only the `codes` asked for (unknown codes raise)."""
    registry = all_rules()
    if codes is not None:
        unknown = [code for code in codes if code not in registry]
        if unknown:
            raise KeyError(f"unknown rule codes: {', '.join(unknown)}")
        chosen = [registry[code] for code in codes]
    else:
        chosen = list(registry.values())
    return [r for r in chosen if r.in_force(year)]
