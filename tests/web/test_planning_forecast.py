"""The forecast page: the engine's figures from the record, suppressed for elected members,
computed once per authority and day until the record or the costs change."""

from __future__ import annotations

import base64
import re

import polars as pl
import pytest
from django.urls import reverse

from carematters.costs import CostTable
from carematters.forecast import BASE
from carematters.forecast.engine import ALL
from carematters.web.children.models import Episode
from carematters.web.planning import compute
from tests.web.pages import check_page
from tests.web.planning_fixtures import QUICK, plan_fixture, rows  # noqa: F401  (fixture)
from tests.web.planning_world import AS_AT


def engine(world, costs: CostTable | None = None):
    authority = world.authorities["A"]
    data = compute.record(authority, AS_AT)
    return compute.compute(data, costs or CostTable.default(authority.code), AS_AT, BASE,
                           compute.BACKTEST_YEARS, QUICK)


def chart_svg(page: str) -> str:
    encoded = re.search(r'<img class="app-chart" src="data:image/svg\+xml;base64,([^"]+)"', page)
    return base64.b64decode(encoded.group(1)).decode()


def test_director_sees_the_engines_projection_costs_sufficiency_and_backtest(plan, login):
    response = login(plan.users["director"]).get(reverse("planning-forecast"))
    assert response.status_code == 200
    check_page(response)
    assert "In-house foster care" in chart_svg(response.content.decode())
    expected = engine(plan)
    total = expected.base.frame().filter((pl.col("age_band") == ALL) & (pl.col("placement") == ALL))
    projection = {row[0]: row[1:] for row in rows(response, "projection")}
    now, year1, year2 = projection["All children in care"]
    assert now == f"{total['expected'][0]:,.0f}"
    assert year2 == (f"{total['expected'][24]:,.0f} {total['lower'][24]:,.0f} to "
                     f"{total['upper'][24]:,.0f}")
    # Every child in care today, at the spec's weekly costs (the cost calculator's figure).
    current = {row[0]: row[1:] for row in rows(response, "current-costs")}
    assert current["Total"] == [
        str(expected.current_costs.height),
        f"£{expected.current_costs['WEEKLY_COST'].sum():,.0f}",
        f"£{expected.current_costs['ANNUAL_COST'].sum():,.0f}",
    ]
    projected = {row[0]: row[1:] for row in rows(response, "projected-costs")}
    by_year = expected.yearly.group_by("forecast_year").agg(pl.col("cost").sum())
    assert projected["Total"] == [f"£{c:,.0f}" for c in by_year.sort("forecast_year")["cost"]]
    sufficiency = rows(response, "sufficiency")
    assert [r[0] for r in sufficiency] == ["31 Mar 2025", "31 Mar 2026", "31 Mar 2027"]
    # Every fifth child is placed outside the authority's postcode district (B1).
    assert int(sufficiency[0][6]) > 0 and int(sufficiency[0][5]) > int(sufficiency[0][6])
    backtest = rows(response, "backtest")
    assert {r[0] for r in backtest} == {"6", "12", "24"}
    assert len(backtest) == expected.backtest.summary.height


def test_members_see_only_suppressed_totals(plan, login):
    response = login(plan.users["member"]).get(reverse("planning-forecast"))
    assert response.status_code == 200
    page = response.content.decode()
    projection = {row[0]: row[1:] for row in rows(response, "projection")}
    # Two children in in-house foster care today: a small number, hidden.
    assert projection["In-house foster care"][0] == "[c]"
    assert all(" to " not in cell for row in projection.values() for cell in row)
    assert "[c]" in " ".join(" ".join(r) for r in rows(response, "sufficiency"))
    assert [r[0] for r in rows(response, "projected-costs")] == ["Total"]
    assert {r[1] for r in rows(response, "backtest")} == {"All children in care"}
    assert "Change the costs" not in page and "Try a scenario" not in page
    # The chart draws all children only: no line for a small group.
    svg = chart_svg(page)
    assert "All children in care" in svg and "In-house foster care" not in svg


def test_team_manager_sees_the_figures_but_not_the_planning_tools(plan, login):
    page = login(plan.users["manager"]).get(reverse("planning-forecast")).content.decode()
    assert "[c]" not in page
    assert "Try a scenario" not in page


def test_the_forecast_is_computed_once_a_day_until_the_record_changes(plan, login, monkeypatch):
    calls = []
    real = compute.record

    def counted(authority, as_at):
        calls.append(as_at)
        return real(authority, as_at)

    monkeypatch.setattr(compute, "record", counted)
    client = login(plan.users["director"])
    client.get(reverse("planning-forecast"))
    client.get(reverse("planning-forecast"))
    login(plan.users["analyst"]).get(reverse("planning-forecast"))
    assert len(calls) == 1
    # A write to the record is audited, and the audit row moves the cache key on.
    child = plan.children["own"]
    Episode.objects.create(child=child, decom=AS_AT, rne="P", ls="C2", cin="N1", place="U4",
                           place_provider="PR1")
    client.get(reverse("planning-forecast"))
    assert len(calls) == 2


@pytest.mark.parametrize("persona", ["director", "member"])
def test_an_empty_record_says_so(world, login, monkeypatch, persona):
    monkeypatch.setattr(compute, "today", lambda: AS_AT)
    Episode.objects.all().delete()
    response = login(world.users[persona]).get(reverse("planning-forecast"))
    assert response.status_code == 200
    assert "nothing to forecast from" in response.content.decode()
