"""The planning pages' tables, from a `compute.Planning`, as rows for the templates.

Elected members see aggregates with small numbers suppressed (docs/access.md): counts are
rounded to whole children and put through `stocktake.suppression` (1-5 hidden as [c], then
secondary cells so that none can be worked back from a total); a cost whose count is hidden is
hidden too, since cost ÷ weekly rate gives the count back; bands are not shown to them, because
a band's width gives away how few children a cell holds.
"""

from __future__ import annotations

import base64
from datetime import date

import polars as pl

from carematters.costs import GROUPS, LABELS
from carematters.forecast.engine import ALL, Forecast
from carematters.reports.forecast import forecast_chart
from carematters.stocktake.suppression import SUPPRESSED, suppress_table

STEPS = (0, 12, 24)
NAMES = {**LABELS, ALL: "All children in care"}
CHART_GROUPS = 5


def steps(fc: Forecast) -> list[int]:
    return [k for k in STEPS if k < len(fc.dates)]


def chart_img(fc: Forecast, history: pl.DataFrame, *, totals_only: bool) -> str:
    """The reports' SVG chart as a data: URI, for an <img> in the page: the SVG's own styles then
    stay inside the image, which the page's Content-Security-Policy (style-src 'self') allows."""
    svg = forecast_chart(fc, [ALL] if totals_only else [ALL, *busiest(fc)], history=history)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def charts(found, *, compare: bool) -> dict[str, str]:
    """The charts a page of this computation shows: the forecast page's (all placement types,
    and all children only for members), or the compare page's base and scenario."""
    if compare:
        return {"base": chart_img(found.base, found.history, totals_only=False),
                "scenario": chart_img(found.chosen, found.history, totals_only=False)}
    return {"full": chart_img(found.base, found.history, totals_only=False),
            "totals": chart_img(found.base, found.history, totals_only=True)}


def busiest(fc: Forecast, count: int = CHART_GROUPS - 1) -> list[str]:
    at_origin = fc.expected[0, -1, :-1]
    order = sorted(range(len(fc.groups)), key=lambda g: -at_origin[g])
    return [fc.groups[g] for g in order[:count] if at_origin[g] > 0]


def _totals(fc: Forecast) -> pl.DataFrame:
    return fc.frame().filter(pl.col("age_band") == ALL)


def _count(value: float) -> int:
    return int(round(value))


def _suppressed(values: list[list[int]], columns: list[str]) -> list[list[str]]:
    """Rows of counts (the last row the total) with small numbers hidden."""
    frame = pl.DataFrame(values, schema=columns, orient="row")
    shown = suppress_table(frame, columns)
    return [list(row) for row in shown.rows()]


def projection(fc: Forecast, *, suppress: bool) -> dict:
    """Expected children per placement type now and at each step, with the band."""
    ks = steps(fc)
    frame = _totals(fc)
    placements = [g for g in (*fc.groups, ALL)]
    rows = []
    for placement in placements:
        part = frame.filter(pl.col("placement") == placement)
        cells = [part.row(k, named=True) for k in ks]
        if placement != ALL and all(_count(c["expected"]) == 0 for c in cells):
            continue
        rows.append({"placement": placement, "label": NAMES[placement], "cells": cells})
    if suppress:
        counts = [[_count(c["expected"]) for c in row["cells"]] for row in rows]
        hidden = _suppressed(counts, [f"s{k}" for k in ks])
        for row, shown in zip(rows, hidden, strict=True):
            row["cells"] = [{"expected": text} for text in shown]
    else:
        for row in rows:
            row["cells"] = [{"expected": f"{c['expected']:,.0f}",
                             "band": f"{c['lower']:,.0f} to {c['upper']:,.0f}"}
                            for c in row["cells"]]
    return {"dates": [fc.dates[k] for k in ks], "rows": rows}


def current_costs(current: pl.DataFrame, *, suppress: bool) -> dict:
    """Children in care today by placement type, at their weekly cost, and the year's cost."""
    by_group = (
        pl.DataFrame({"GROUP": list(GROUPS)})
        .join(current.group_by("GROUP").agg(pl.len().alias("children"),
                                            pl.col("WEEKLY_COST").sum().alias("weekly"),
                                            pl.col("ANNUAL_COST").sum().alias("annual")),
              on="GROUP", how="left")
        .fill_null(0)
        .filter(pl.col("children") > 0)
    )
    rows = [{"label": NAMES[r["GROUP"]], "children": r["children"], "weekly": r["weekly"],
             "annual": r["annual"]} for r in by_group.iter_rows(named=True)]
    total = {"label": "Total", "children": int(by_group["children"].sum()),
             "weekly": float(by_group["weekly"].sum()), "annual": float(by_group["annual"].sum())}
    rows.append(total)
    for row in rows:
        row["children"] = str(row["children"])
        row["weekly"] = f"£{row['weekly']:,.0f}"
        row["annual"] = f"£{row['annual']:,.0f}"
    if suppress:
        hidden = _suppressed([[int(r["children"])] for r in rows], ["children"])
        for row, (shown,) in zip(rows, hidden, strict=True):
            if shown == SUPPRESSED:
                row.update(children=SUPPRESSED, weekly=SUPPRESSED, annual=SUPPRESSED)
    return {"rows": rows}


def projected_costs(yearly: pl.DataFrame, *, suppress: bool) -> dict:
    """Cost of the projection per forecast year, by placement type (members: totals only)."""
    years = sorted(yearly["forecast_year"].unique().to_list())
    wide = {(r["placement"], r["forecast_year"]): r["cost"] for r in yearly.iter_rows(named=True)}
    rows = []
    if not suppress:
        for group in GROUPS:
            costs = [wide.get((group, y), 0.0) for y in years]
            if any(costs):
                rows.append({"label": NAMES[group], "costs": [f"£{c:,.0f}" for c in costs]})
    totals = [sum(wide.get((g, y), 0.0) for g in GROUPS) for y in years]
    rows.append({"label": "Total", "costs": [f"£{c:,.0f}" for c in totals]})
    return {"years": years, "rows": rows}


SUFFICIENCY_COLUMNS = ("expected", "in_house", "external", "not_commissioned", "in_area",
                       "out_of_area")


def sufficiency(suff: pl.DataFrame, fc: Forecast, *, suppress: bool) -> dict:
    """Children expected at each step, split in-house / external / not commissioned and in
    area / out of area (forecast.sufficiency)."""
    days = [fc.dates[k] for k in steps(fc)]
    totals = (
        suff.filter(pl.col("date").is_in(days))
        .group_by("date").agg(pl.col(*SUFFICIENCY_COLUMNS).sum()).sort("date")
    )
    rows = [{"date": r["date"], "cells": [_count(r[c]) for c in SUFFICIENCY_COLUMNS]}
            for r in totals.iter_rows(named=True)]
    if suppress and rows:
        hidden = _suppressed([r["cells"] for r in rows], list(SUFFICIENCY_COLUMNS))
        for row, shown in zip(rows, hidden, strict=True):
            row["cells"] = shown
    else:
        for row in rows:
            row["cells"] = [f"{c:,}" for c in row["cells"]]
    return {"rows": rows}


def backtest(summary: pl.DataFrame | None, *, totals_only: bool) -> list[dict]:
    """How far to trust it: per horizon and placement type, the error against what happened."""
    if summary is None:
        return []
    if totals_only:
        summary = summary.filter(pl.col("placement") == ALL)
    return [
        {"horizon": r["horizon"], "label": NAMES.get(r["placement"], r["placement"]),
         "origins": r["origins"], "mae": f"{r['mae']:,.1f}",
         "mape": "" if r["mape"] is None else f"{r['mape']:.0%}",
         "coverage": f"{r['coverage']:.0%}", "no_change_mae": f"{r['no_change_mae']:,.1f}",
         "beats": r["mae"] <= r["no_change_mae"]}
        for r in summary.iter_rows(named=True)
    ]


def comparison(base: Forecast, scenario: Forecast) -> dict:
    """Base vs scenario: expected children per placement type at each step, and the change."""
    ks = steps(base)
    b, s = _totals(base), _totals(scenario)
    rows = []
    for placement in (*base.groups, ALL):
        bp = b.filter(pl.col("placement") == placement)["expected"]
        sp = s.filter(pl.col("placement") == placement)["expected"]
        cells = [(bp[k], sp[k]) for k in ks]
        if placement != ALL and all(_count(x) == 0 and _count(y) == 0 for x, y in cells):
            continue
        rows.append({"placement": placement, "label": NAMES[placement], "cells": [
            {"base": f"{x:,.1f}", "scenario": f"{y:,.1f}", "change": f"{y - x:+,.1f}"}
            for x, y in cells]})
    return {"dates": [base.dates[k] for k in ks], "rows": rows}


def cost_comparison(change: pl.DataFrame) -> dict:
    """Per forecast year and placement type: base, scenario and change in £."""
    rows = []
    for year in sorted(change["forecast_year"].unique().to_list()):
        part = change.filter(pl.col("forecast_year") == year)
        for r in part.iter_rows(named=True):
            if r["base_cost"] or r["scenario_cost"]:
                rows.append({"year": year, "label": NAMES[r["placement"]],
                             "base": f"£{r['base_cost']:,.0f}",
                             "scenario": f"£{r['scenario_cost']:,.0f}",
                             "change": signed_money(r["change"]), "total": False})
        rows.append({"year": year, "label": "Total", "total": True,
                     "base": f"£{part['base_cost'].sum():,.0f}",
                     "scenario": f"£{part['scenario_cost'].sum():,.0f}",
                     "change": signed_money(part["change"].sum())})
    return {"rows": rows}


def headline(fc: Forecast, projected: dict) -> dict:
    """Children in care today and expected at the last step (as the projection table shows
    them, so a member's suppressed figure stays suppressed)."""
    last = steps(fc)[-1]
    total = next(r for r in projected["rows"] if r["placement"] == ALL)
    now, later = total["cells"][0]["expected"], total["cells"][-1]
    return {"now": now, "later": later["expected"], "band": later.get("band", ""),
            "months": last, "until": fc.dates[last]}


def signed_money(value: float) -> str:
    rounded = round(value)
    return "no change" if rounded == 0 else f"{'+' if rounded > 0 else '−'}£{abs(rounded):,}"


def month_label(day: date) -> str:
    return day.strftime("%B %Y")
