"""The cost table page: the spec's defaults shown with their source, the authority's own dated
figures added, replaced and removed (audited), and used by the forecast straight away."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.urls import reverse

from carematters.costs.table import DEFAULT_SOURCE
from carematters.web.accounts.models import AuditEvent
from carematters.web.planning import compute
from carematters.web.planning.models import UnitCost
from tests.web.pages import check_page
from tests.web.planning_fixtures import plan_fixture, rows  # noqa: F401  (fixture)

COSTS = reverse("planning-costs")


def figure(**fields) -> dict:
    return {"what": "weekly:foster_ifa", "valid_from": "2025-04-01", "cost": "990",
            "price_year": "2025", "source": "2025-26 budget book", **fields}


def test_defaults_are_shown_with_their_source(plan, login):
    response = login(plan.users["director"]).get(COSTS)
    assert response.status_code == 200
    check_page(response)
    table = {row[0]: row[1:] for row in rows(response, "costs")}
    assert table["Independent fostering agency (a week)"] == [
        "1 Apr 2024", "950", "2024", f"default {DEFAULT_SOURCE}", ""]
    assert table["Other (health, family centre, other) (a week)"][1] == "unset"
    assert "No figure yet for:" in response.content.decode()


def test_a_dated_figure_is_added_replaced_removed_and_audited(plan, login, monkeypatch):
    monkeypatch.setattr(compute, "today", lambda: date(2025, 3, 31))
    client = login(plan.users["analyst"])
    before = compute.planning(plan.authorities["A"])
    assert client.post(COSTS, figure()).status_code == 302
    row = UnitCost.objects.get()
    assert (row.kind, row.item, row.valid_from, float(row.cost)) == (
        "weekly", "foster_ifa", date(2025, 4, 1), 990.0)
    assert row.authority == plan.authorities["A"] and row.created_by == plan.users["analyst"]
    table = compute.cost_table(plan.authorities["A"])
    assert table.weekly_on(date(2025, 3, 31))["foster_ifa"] == 950.0
    assert table.weekly_on(date(2025, 4, 1))["foster_ifa"] == 990.0
    # The cost change moves the cache key on: the forecast is re-costed at once.
    after = compute.planning(plan.authorities["A"])
    ifa = pl.col("placement") == "foster_ifa"
    assert after.yearly.filter(ifa)["cost"].sum() > before.yearly.filter(ifa)["cost"].sum()
    # The same cost and date again replaces the figure.
    client.post(COSTS, figure(cost="1000"))
    assert [float(u.cost) for u in UnitCost.objects.all()] == [1000.0]
    page = {r[0] + " " + r[1]: r for r in rows(client.get(COSTS), "costs")}
    assert page["Independent fostering agency (a week) 1 Apr 2025"][2:4] == ["1,000", "2025"]
    actions = list(AuditEvent.objects.filter(object_type="UnitCost")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["create", "delete", "create"]
    mine = UnitCost.objects.get()
    assert client.post(reverse("planning-cost-delete", args=[mine.pk])).status_code == 302
    assert not UnitCost.objects.exists()
    assert AuditEvent.objects.filter(object_type="UnitCost").order_by("id").last().action == "delete"


def test_bad_figures_are_refused(plan, login):
    client = login(plan.users["director"])
    for fields, message in (({"cost": "-5"}, "A cost cannot be negative"),
                            ({"valid_from": ""}, "Enter the date the cost applies from"),
                            ({"what": "weekly:castle"}, "Select a valid choice"),
                            ({"source": ""}, "Say where the figure comes from")):
        response = client.post(COSTS, figure(**fields))
        assert response.status_code == 200
        assert message in response.content.decode(), fields
    assert not UnitCost.objects.exists()


def test_removing_needs_a_post_and_the_users_own_authority(plan, login):
    theirs = UnitCost.objects.create(authority=plan.authorities["B"], kind="weekly",
                                     item="kinship", valid_from=date(2025, 4, 1), cost=500,
                                     price_year=2025, source="theirs")
    client = login(plan.users["director"])
    assert client.post(reverse("planning-cost-delete", args=[theirs.pk])).status_code == 404
    mine = UnitCost.objects.create(authority=plan.authorities["A"], kind="weekly",
                                   item="kinship", valid_from=date(2025, 4, 1), cost=500,
                                   price_year=2025, source="ours")
    assert client.get(reverse("planning-cost-delete", args=[mine.pk])).status_code == 404
    assert UnitCost.objects.count() == 2
