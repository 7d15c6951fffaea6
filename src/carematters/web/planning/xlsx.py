"""The comparison download: base vs scenario, month by month and per forecast year, and the
scenario itself. Written through the grip pages' workbook writer (grip/export.py), which
neutralises every text cell against formula injection and audits the download."""

from __future__ import annotations

import json

import polars as pl

from carematters.costs import LABELS
from carematters.forecast.engine import ALL
from carematters.web.planning.compute import Planning
from carematters.web.planning.models import Scenario

PROJECTION_HEADERS = [
    "Month end", "Placement type", "Base: expected", "Base: lower", "Base: upper",
    "Scenario: expected", "Scenario: lower", "Scenario: upper", "Change (expected)",
]
COST_HEADERS = ["Forecast year", "Placement type", "Base cost (£)", "Scenario cost (£)",
                "Change (£)"]
NAMES = {**LABELS, ALL: "All children in care"}


def _projection(found: Planning) -> list[list]:
    def totals(fc, prefix: str) -> pl.DataFrame:
        return fc.frame().filter(pl.col("age_band") == ALL).select(
            "date", "placement", *(pl.col(c).alias(f"{prefix}_{c}")
                                   for c in ("expected", "lower", "upper")))

    both = totals(found.base, "b").join(totals(found.chosen, "s"), on=["date", "placement"])
    return [
        [r["date"], NAMES[r["placement"]], r["b_expected"], r["b_lower"], r["b_upper"],
         r["s_expected"], r["s_lower"], r["s_upper"], r["s_expected"] - r["b_expected"]]
        for r in both.iter_rows(named=True)
    ]


def _costs(found: Planning) -> list[list]:
    return [
        [r["forecast_year"], NAMES[r["placement"]], r["base_cost"], r["scenario_cost"],
         r["change"]]
        for r in found.cost_change.iter_rows(named=True)
    ]


def _scenario(scenario: Scenario) -> list[list]:
    rows = [["Name", scenario.name], ["Description", scenario.description],
            ["Forecast from", None]]
    rows += [[f"Adjustment {i}", json.dumps(adj, sort_keys=True)]
             for i, adj in enumerate(scenario.adjustments, start=1)]
    return rows


def comparison_sheets(scenario: Scenario, found: Planning) -> list:
    about = _scenario(scenario)
    about[2][1] = found.as_at
    return [
        ("Children", PROJECTION_HEADERS, _projection(found)),
        ("Costs", COST_HEADERS, _costs(found)),
        ("Scenario", ["", ""], about),
    ]
