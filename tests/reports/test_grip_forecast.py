"""The forecast and sufficiency section of the grip reports: the engine's figures, suppressed
for readers outside the case (tests/reports/fixtures.py: 20 children in in-house foster care
since 1 May 2023, C05 placed in Birmingham)."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest

from carematters.costs import CostTable
from carematters.forecast import forecast_runs
from carematters.forecast.costing import yearly_costs
from carematters.forecast.engine import ALL
from carematters.forecast.states import runs
from carematters.forecast.sufficiency import own_districts, placement_shares, sufficiency
from carematters.reports import grip_forecast
from carematters.reports.grip import annual_report, monthly_report
from carematters.reports.grip_forecast import forecast_section
from carematters.reports.grip_render import render_html
from tests.compliance.helpers import d
from tests.reports.fixtures import authority

QUICK = replace(grip_forecast.SETTINGS, draws=10)
ORIGIN = d("31/03/2024")
TITLE = "Will there be enough placements? Forecast and sufficiency"


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    monkeypatch.setattr(grip_forecast, "SETTINGS", QUICK)


def engine(data):
    frame = runs(data["Episodes"], data["Header"])
    fc = forecast_runs(frame, ORIGIN, QUICK)
    episodes = data["Episodes"]
    shares = placement_shares(episodes, fc.rates.start, fc.rates.end, own_districts(episodes))
    total = fc.frame().filter((pl.col("age_band") == ALL) & (pl.col("placement") == ALL))
    return fc, total, sufficiency(fc, shares)


def test_for_officers_the_section_has_the_engines_figures_with_bands():
    data = authority()
    section = forecast_section(data, ORIGIN, suppress_small=False)
    fc, total, suff = engine(data)
    later = total.row(24, named=True)
    assert section.title == TITLE
    assert section.lines[0].startswith("20 children were looked after on 31/03/2024.")
    assert (f"about {later['expected']:,.0f} (95% band {later['lower']:,.0f} to "
            f"{later['upper']:,.0f}) are expected on 31/03/2026.") in section.lines[0]
    # 20 children in in-house foster care at the spec's £700 a week.
    assert "cost £14,000 a week" in section.lines[1]
    year1 = yearly_costs(fc, CostTable.default()).filter(pl.col("forecast_year") == 1)
    assert f"£{year1['cost'].sum():,.0f} in year 1" in section.lines[1]
    projection, needs = section.tables
    assert projection.rows[-1][0] == "All children in care"
    assert projection.rows[-1][1:] == [f"{round(total['expected'][k]):,}" for k in (0, 12, 24)]
    at_origin = suff.filter(pl.col("date") == ORIGIN)
    assert needs.rows[0] == ["31/03/2024", "20", "20", "0", "0",
                             f"{round(at_origin['in_area'].sum()):,}",
                             f"{round(at_origin['out_of_area'].sum()):,}"]
    assert section.charts and section.charts[0].startswith("<svg")


def test_for_outside_readers_small_numbers_and_bands_are_hidden():
    data = authority().with_tables(Episodes=authority()["Episodes"].with_columns(
        # Three of the twenty in an independent fostering agency: a small number.
        pl.when(pl.col("CHILD").is_in(["C01", "C02", "C03"])).then(pl.lit("PR4"))
        .otherwise(pl.col("PLACE_PROVIDER")).alias("PLACE_PROVIDER")))
    section = forecast_section(data, ORIGIN, suppress_small=True)
    text = " ".join(section.lines)
    assert "95% band" not in text
    projection, needs = section.tables
    rows = {row[0]: row[1:] for row in projection.rows}
    assert rows["Independent fostering agency"][0] == "[c]"
    assert rows["In-house foster care"][0] == "[c]"  # secondary: 17 = 20 - 3
    assert needs.rows[0][2:4] == ["[c]", "[c]"]
    assert section.charts[0].count("All children in care") >= 1
    assert "Independent fostering agency" not in section.charts[0]


def test_the_annual_report_carries_the_section_suppressed():
    html = render_html(annual_report({2024: authority()}, 2024))
    assert TITLE in html
    assert "20 children were looked after on 31/03/2024." in html
    assert "(95% band" not in html


def test_the_monthly_report_carries_it_for_officers_and_suppresses_on_request():
    officers = render_html(monthly_report(authority(), ORIGIN))
    assert TITLE in officers and "(95% band" in officers
    outside = render_html(monthly_report(authority(), ORIGIN, suppress_small=True))
    assert TITLE in outside and "(95% band" not in outside


def test_nobody_in_care_means_no_section():
    data = authority()
    empty = data.with_tables(Episodes=data["Episodes"].clear())
    assert forecast_section(empty, ORIGIN, suppress_small=True) is None
