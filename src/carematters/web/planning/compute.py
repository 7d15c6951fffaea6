"""The forecast as the planning pages see it, computed from the record and cached.

The record is exported through the app's one exporter (`children/exporter.py`) for every
collection year since the authority's first episode and combined (`combine_years`): the
projection starts from everyone in care today, whatever year they came in, and the backtest
rewinds up to three years and needs the two years before each origin to learn from.
The steps are `carematters.forecast.plan`, shared with the forecast command; the command starts
at the end of its returns (31 March), the pages start today, from the record as it stands.

Caching: one Django cache entry per authority, as-at day, state of the record, state of the cost
table and scenario. The states are the newest audit-trail row of a write to a child's record or
an import (every write is audited, docs/access.md), and of a unit-cost change; so an edit or an
import today gives a fresh forecast on the next page, and otherwise a day's pages share one
computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import polars as pl
from django.core.cache import cache
from django.db.models import Max, Min, Q

from carematters.costs import GROUPS, CostTable, current_population_cost
from carematters.costs.table import SCHEMA
from carematters.data.caredata import CareData, combine_years
from carematters.data.years import collection_year_of
from carematters.forecast import BASE, Forecast, Scenario, Settings, scenario_from_mapping
from carematters.forecast.backtest import Backtest
from carematters.forecast.costing import scenario_cost_change, yearly_costs
from carematters.forecast.plan import plan
from carematters.web.accounts.models import AuditEvent
from carematters.web.children import models as m
from carematters.web.children.exporter import export_years
from carematters.web.planning.figures import charts
from carematters.web.planning.models import Scenario as SavedScenario
from carematters.web.planning.models import UnitCost

#: What the forecast and the cost calculator read.
TABLES = ("Episodes", "Header", "Reviews")
BACKTEST_YEARS = 3
#: The page's forecast: two years ahead, rates from the last two years, 100 draws for the bands.
SETTINGS = Settings(months=24, reference_months=24, draws=100)
CACHE_SECONDS = 24 * 60 * 60


def today() -> date:
    """The as-at day of every planning page (a function so tests can fix the date)."""
    return date.today()


def record(authority, as_at: date) -> CareData:
    """Episodes, Header and Reviews for every year since the authority's first episode."""
    first = m.Episode.objects.filter(child__authority=authority).aggregate(first=Min("decom"))
    latest = collection_year_of(as_at)
    earliest = collection_year_of(first["first"]) if first["first"] else latest
    return combine_years(list(export_years(authority, range(earliest, latest + 1),
                                           TABLES).values()))


def cost_table(authority) -> CostTable:
    """The spec's defaults with the authority's own dated rows laid over them (a row of the
    same kind, item and date replaces the default)."""
    default = CostTable.default(authority.code)
    rows = list(UnitCost.objects.filter(authority=authority).values(
        "kind", "item", "valid_from", "cost", "price_year", "source"))
    if not rows:
        return default
    own = pl.DataFrame(
        [{**r, "cost": None if r["cost"] is None else float(r["cost"])} for r in rows],
        schema=SCHEMA,
    )
    kept = default.frame.join(own, on=["kind", "item", "valid_from"], how="anti")
    return CostTable.from_frame(pl.concat([kept, own]).sort("kind", "item", "valid_from"),
                                authority.code)


def scenario_of(saved: SavedScenario) -> Scenario:
    return scenario_from_mapping(saved.as_mapping(), GROUPS)


def _latest(events) -> int:
    return events.aggregate(last=Max("id"))["last"] or 0


def _state(authority) -> tuple[int, int]:
    """(newest record write, newest cost-table change) in the audit trail."""
    mine = AuditEvent.objects.filter(authority_id=authority.pk)
    record_writes = mine.filter(
        Q(action="import") | Q(child_id__isnull=False, action__in=("create", "update", "delete"))
    )
    return _latest(record_writes), _latest(mine.filter(object_type="UnitCost"))


@dataclass(frozen=True)
class Planning:
    """Everything the planning pages show for one authority, day and scenario."""

    as_at: date
    base: Forecast
    chosen: Forecast                 # the scenario's forecast (the base itself for BASE)
    history: pl.DataFrame            # date, placement, children: month-ends before today
    costs: CostTable
    yearly: pl.DataFrame             # forecast_year, placement, child_days, cost (chosen)
    cost_change: pl.DataFrame | None  # forecast_year, placement, base_cost, scenario_cost, change
    current_costs: pl.DataFrame      # CHILD, PLACE, GROUP, WEEKLY_COST, ANNUAL_COST
    sufficiency: pl.DataFrame        # date, placement, expected, in_house, external, ...
    backtest: Backtest | None
    backtest_problem: str = ""
    charts: dict[str, str] = field(default_factory=dict)  # data: URIs, see figures.CHARTS


def compute(data: CareData, costs: CostTable, as_at: date, scenario: Scenario = BASE,
            backtest_years: int = BACKTEST_YEARS, settings: Settings = SETTINGS) -> Planning:
    """The forecast's steps (`carematters.forecast.plan`, shared with the command) from `as_at`,
    costed with the authority's table."""
    found = plan(data, as_at, settings, scenario, backtest_years=backtest_years)
    base, chosen = found.base, found.chosen
    return Planning(
        as_at, base, chosen, found.history, costs, yearly_costs(chosen, costs),
        None if chosen is base else scenario_cost_change(base, chosen, costs),
        current_population_cost(data, costs, as_at), found.sufficiency,
        found.backtest, found.backtest_problem,
    )


def planning(authority, saved: SavedScenario | None = None) -> Planning | None:
    """The cached computation for the authority today (None: nothing in the record yet)."""
    as_at = today()
    record_state, cost_state = _state(authority)
    scenario_key = f"{saved.pk}:{saved.updated_at.isoformat()}" if saved else "base"
    key = f"planning:{authority.pk}:{as_at}:{record_state}:{cost_state}:{scenario_key}"
    found = cache.get(key)
    if found is None:
        data = record(authority, as_at)
        if data["Episodes"].is_empty():
            return None
        scenario = scenario_of(saved) if saved else BASE
        # A scenario's page compares forecasts; the backtest scores the model, not a scenario.
        found = compute(data, cost_table(authority), as_at, scenario,
                        0 if saved else BACKTEST_YEARS, SETTINGS)
        # Drawing is a third of a page's time: the charts are cached with the figures.
        found = replace(found, charts=charts(found, compare=saved is not None))
        cache.set(key, found, CACHE_SECONDS)
    return found
