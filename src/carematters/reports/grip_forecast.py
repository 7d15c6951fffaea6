"""The forecast and sufficiency section of the grip reports (docs/grip-reports.md).

The corporate parenting board is asked to be satisfied that the authority has enough of the
right placements (the sufficiency duty, Children Act 1989 s22G). This section answers from the
forecast engine: children in care at the origin, the expected number in one and two years with
the band, what they cost at the authority's unit costs, and the placements they will need —
in-house or bought in, in or out of the area. For readers outside the case (the annual report,
or the monthly report with `suppress_small`) counts of 1 to 5 are shown as [c] with secondary
suppression, bands are left out of the text and tables, the chart shows the total only (with
its band), and costs are given as totals.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from markupsafe import Markup

from carematters.costs import GROUPS, LABELS, CostTable, current_population_cost
from carematters.costs.table import DEFAULT_SOURCE
from carematters.data.caredata import CareData
from carematters.forecast import Settings, forecast_runs
from carematters.forecast.costing import yearly_costs
from carematters.forecast.engine import ALL, observed
from carematters.forecast.states import runs
from carematters.forecast.sufficiency import own_districts, placement_shares, sufficiency
from carematters.reports.forecast import forecast_chart
from carematters.reports.grip_render import Section, TableBlock
from carematters.stocktake.suppression import SUPPRESSED, is_small, suppress_table

#: Two years ahead, the default reference window and bands (docs/forecast.md).
SETTINGS = Settings(months=24)
STEPS = (0, 12, 24)
SPLITS = ("expected", "in_house", "external", "not_commissioned", "in_area", "out_of_area")
SPLIT_HEADS = ["Date", "Children", "In-house", "External", "Not commissioned", "In area",
               "Out of area"]


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _shown(counts: list[list[int]], suppress: bool) -> list[list[str]]:
    """Whole children; with `suppress`, 1-5 and what they could be worked out from as [c]."""
    if not suppress or not counts:
        return [[f"{c:,}" for c in row] for row in counts]
    columns = [f"c{i}" for i in range(len(counts[0]))]
    hidden = suppress_table(pl.DataFrame(counts, schema=columns, orient="row"), columns)
    return [[SUPPRESSED if v == SUPPRESSED else f"{int(v):,}" for v in row] for row in hidden.rows()]


def _count(suppress: bool, value: float) -> str:
    n = int(round(value))
    return SUPPRESSED if suppress and is_small(n) else f"{n:,}"


def forecast_section(data: CareData, origin: date, *, suppress_small: bool,
                     costs: CostTable | None = None,
                     settings: Settings | None = None) -> Section | None:
    """The section, or None when nobody is in care at `origin` (nothing to project)."""
    settings = settings or SETTINGS
    episodes = data["Episodes"]
    if episodes.is_empty():
        return None
    costs = costs or CostTable.default(data.la)
    run_frame = runs(episodes, data["Header"])
    fc = forecast_runs(run_frame, origin, settings)
    totals = fc.frame().filter(pl.col("age_band") == ALL)
    total = totals.filter(pl.col("placement") == ALL)
    if total["expected"][0] == 0:
        return None
    steps = [k for k in STEPS if k < len(fc.dates)]
    shares = placement_shares(episodes, fc.rates.start, fc.rates.end, own_districts(episodes))
    suff = sufficiency(fc, shares)
    lines = [_headline(fc, total, steps, suppress_small),
             _costs_line(data, costs, origin, fc, suppress_small),
             _needs_line(suff, fc, steps[-1], suppress_small)]
    chart = forecast_chart(
        fc, [ALL] if suppress_small else [ALL, *_busiest(fc)],
        history=observed(run_frame, origin, settings.reference_months))
    return Section(
        "Will there be enough placements? Forecast and sufficiency",
        lines=[line for line in lines if line],
        charts=[Markup(chart[chart.index("<svg"):])],
        tables=[_projection_table(totals, fc, steps, suppress_small),
                _sufficiency_table(suff, fc, steps, suppress_small)],
    )


def _headline(fc, total: pl.DataFrame, steps: list[int], suppress: bool) -> str:
    last = steps[-1]
    later = total.row(last, named=True)
    band = "" if suppress else (f" (95% band {later['lower']:,.0f} to {later['upper']:,.0f})")
    return (
        f"{_count(suppress, total['expected'][0])} children were looked after on "
        f"{_d(fc.origin)}. If the rates at which children came into care, moved and left over "
        f"the two years before carry on, about {_count(suppress, later['expected'])}{band} are "
        f"expected on {_d(fc.dates[last])}."
    )


def _costs_line(data: CareData, costs: CostTable, origin: date, fc, suppress: bool) -> str:
    current = current_population_cost(data, costs, origin)
    if current.is_empty() or (suppress and is_small(current.height)):
        return ""  # a total for one to five children gives their number away
    yearly = yearly_costs(fc, costs).group_by("forecast_year").agg(pl.col("cost").sum())
    ahead = " and ".join(f"£{c:,.0f} in year {y}" for y, c in
                         yearly.sort("forecast_year").iter_rows())
    prices = ("the specification's illustrative 2024 prices"
              if (costs.frame["source"] == DEFAULT_SOURCE).all() else "the authority's unit costs")
    unset = " Placement types with no cost figure count as £0." if costs.unset() else ""
    return (
        f"At {prices}, their placements cost £{current['WEEKLY_COST'].sum():,.0f} a week "
        f"(£{current['ANNUAL_COST'].sum():,.0f} a year); the forecast's placements cost "
        f"{ahead}.{unset}"
    )


def _needs_line(suff: pl.DataFrame, fc, last: int, suppress: bool) -> str:
    at = suff.filter(pl.col("date") == fc.dates[last]).select(pl.col(SPLITS).sum()).row(0,
                                                                                     named=True)
    return (
        f"On {_d(fc.dates[last])} about {_count(suppress, at['external'])} of them are expected "
        f"to need placements bought from independent providers and "
        f"{_count(suppress, at['out_of_area'])} to be placed outside the authority's area, if "
        f"each placement type keeps the split it had over the last two years."
    )


def _busiest(fc, count: int = 4) -> list[str]:
    at_origin = fc.expected[0, -1, :-1]
    order = sorted(range(len(fc.groups)), key=lambda g: -at_origin[g])
    return [fc.groups[g] for g in order[:count] if at_origin[g] > 0]


def _projection_table(totals: pl.DataFrame, fc, steps: list[int], suppress: bool) -> TableBlock:
    names, counts = [], []
    for placement in (*GROUPS, ALL):
        part = totals.filter(pl.col("placement") == placement)["expected"]
        row = [int(round(part[k])) for k in steps]
        if placement == ALL or any(row):
            names.append(LABELS.get(placement, "All children in care"))
            counts.append(row)
    rows = [[name, *cells] for name, cells in zip(names, _shown(counts, suppress), strict=True)]
    heads = ["Placement type", *(_d(fc.dates[k]) for k in steps)]
    return TableBlock("Children in care by placement type: now and expected",
                      heads, rows, numeric=[False] + [True] * len(steps))


def _sufficiency_table(suff: pl.DataFrame, fc, steps: list[int], suppress: bool) -> TableBlock:
    days = [fc.dates[k] for k in steps]
    by_date = (suff.filter(pl.col("date").is_in(days)).group_by("date")
               .agg(pl.col(SPLITS).sum()).sort("date"))
    counts = [[int(round(r[c])) for c in SPLITS] for r in by_date.iter_rows(named=True)]
    rows = [[_d(day), *cells] for day, cells in
            zip(by_date["date"], _shown(counts, suppress), strict=True)]
    return TableBlock("Placements needed: who provides them and where (expected children)",
                      SPLIT_HEADS, rows, numeric=[False] + [True] * len(SPLITS))


