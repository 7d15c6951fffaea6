"""Saved scenarios: created, changed and deleted through GOV.UK forms checked by the forecast
engine's own reader, audited; the compare page and its download show the engine's figures."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html import unescape

import polars as pl
import pytest
from django.urls import reverse

from carematters.costs import GROUPS, CostTable
from carematters.forecast import forecast_runs, scenario_from_mapping
from carematters.forecast.costing import scenario_cost_change
from carematters.forecast.engine import ALL
from carematters.forecast.states import runs
from carematters.web.accounts.models import AuditEvent
from carematters.web.planning import compute
from carematters.web.planning.models import Scenario
from tests.web.pages import check_page
from tests.web.planning_fixtures import QUICK, plan_fixture, rows  # noqa: F401  (fixture)
from tests.web.planning_world import AS_AT

NEW = reverse("planning-scenario-new")
SHIFT = [{"kind": "shift", "from": "foster_ifa", "to": "foster_in_house", "share": 0.05,
          "current": True}]


def form(**fields) -> dict:
    return {"name": "Sufficiency strategy", "description": "", "adjustments_json": "",
            "add_kind": "", "add_from": "", "add_to": "", "add_age_band": "",
            "add_percent": "", "add_per_year": "", **fields}


def errors(response) -> list[str]:
    page = response.content.decode()
    summary = page[page.index("govuk-error-summary__list"):page.index("</ul>",
                   page.index("govuk-error-summary__list"))]
    return [unescape(re.sub(r"<[^>]+>", "", e)).strip()
            for e in re.findall(r"<li>(.*?)</li>", summary, flags=re.S)]


def test_ten_percent_fewer_residential_entries_from_the_add_fields(plan, login):
    client = login(plan.users["analyst"])
    check_page(client.get(NEW))
    response = client.post(NEW, form(add_kind="entries", add_from="residential_external",
                                     add_percent="-10"))
    saved = Scenario.objects.get()
    assert response.status_code == 302
    assert saved.authority == plan.authorities["A"] and saved.created_by == plan.users["analyst"]
    assert saved.adjustments == [{"kind": "entries", "placement": "residential_external",
                                  "multiply": 0.9}]
    event = AuditEvent.objects.get(action="create", object_type="Scenario")
    assert event.object_id == str(saved.pk) and event.actor == "analyst"
    assert event.authority_id == plan.authorities["A"].pk


def test_shift_five_percent_of_ifa_to_in_house_foster(plan, login):
    login(plan.users["director"]).post(NEW, form(
        add_kind="shift", add_from="foster_ifa", add_to="foster_in_house", add_percent="5",
        add_current="on"))
    assert Scenario.objects.get().adjustments == SHIFT


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": " "}, "Enter a name for the scenario"),
    ({"adjustments_json": "[{"}, "The adjustments are not valid JSON"),
    ({"adjustments_json": '{"kind": "entries"}'}, "The adjustments must be a list"),
    ({"adjustments_json": '[{"kind": "entries", "placement": "castle"}]'},
     "This adjustment cannot be used: unknown placement: castle"),
    ({"adjustments_json": '[{"kind": "grow"}]'}, "adjustment kind must be one of"),
    ({"add_kind": "shift", "add_from": "foster_ifa", "add_to": "foster_in_house"},
     "Enter the share of placements to shift, in %"),
    ({"add_kind": "shift", "add_from": "foster_ifa", "add_to": "foster_in_house",
      "add_percent": "150"}, "shift share must be between 0 and 1"),
    ({"add_kind": "shift", "add_from": "foster_ifa", "add_percent": "5"},
     "a shift needs exactly one `from` and one `to` placement"),
    ({"add_kind": "exits", "add_per_year": "3"}, "Extra children a year apply to entries only"),
    ({"add_kind": "entries", "add_percent": "-150"}, "multiply must not be negative"),
])
def test_invalid_scenarios_are_refused_with_a_message(plan, login, fields, message):
    response = login(plan.users["analyst"]).post(NEW, form(**fields))
    assert response.status_code == 200
    check_page(response)
    assert any(message in e for e in errors(response)), errors(response)
    assert not Scenario.objects.exists()
    assert not AuditEvent.objects.filter(object_type="Scenario").exists()


def test_names_are_unique_within_an_authority_only(plan, login):
    Scenario.objects.create(authority=plan.authorities["B"], name="Sufficiency strategy")
    client = login(plan.users["analyst"])
    assert client.post(NEW, form()).status_code == 302
    response = client.post(NEW, form())
    assert "A scenario with this name already exists" in errors(response)


def test_changing_and_deleting_are_audited(plan, login):
    client = login(plan.users["director"])
    client.post(NEW, form(adjustments_json=json.dumps(SHIFT)))
    saved = Scenario.objects.get()
    edit = reverse("planning-scenario-edit", args=[saved.pk])
    assert json.loads(re.search(r'<textarea[^>]*name="adjustments_json"[^>]*>(.*?)</textarea>',
                                client.get(edit).content.decode(), re.S).group(1)
                      .replace("&quot;", '"')) == SHIFT
    client.post(edit, form(name="Renamed", adjustments_json=json.dumps(SHIFT),
                           add_kind="exits", add_from="residential_external", add_percent="20"))
    saved.refresh_from_db()
    assert saved.name == "Renamed"
    assert saved.adjustments == [*SHIFT, {"kind": "exits", "placement": "residential_external",
                                          "multiply": 1.2}]
    update = AuditEvent.objects.get(action="update", object_type="Scenario")
    assert set(update.changes) == {"name", "adjustments"}
    assert update.changes["name"] == ["Sufficiency strategy", "Renamed"]
    delete = reverse("planning-scenario-delete", args=[saved.pk])
    check_page(client.get(delete))
    assert client.post(delete).status_code == 302
    assert not Scenario.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="Scenario",
                                     object_id=str(saved.pk)).exists()


def test_another_authoritys_scenario_is_not_found(plan, login):
    theirs = Scenario.objects.create(authority=plan.authorities["B"], name="Theirs")
    client = login(plan.users["director"])
    for name in ("planning-scenario-edit", "planning-scenario-delete",
                 "planning-scenario-compare", "planning-scenario-compare-xlsx"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404, name
    assert client.post(reverse("planning-scenario-delete", args=[theirs.pk])).status_code == 404
    assert Scenario.objects.filter(pk=theirs.pk).exists()


def engine(world, adjustments):
    """The forecast engine run directly on the exported record, base and scenario."""
    data = compute.record(world.authorities["A"], AS_AT)
    frame = runs(data["Episodes"], data["Header"])
    scenario = scenario_from_mapping({"name": "x", "adjust": adjustments}, GROUPS)
    base = forecast_runs(frame, AS_AT, QUICK)
    return base, forecast_runs(frame, AS_AT, QUICK, scenario)


def test_compare_page_shows_the_engines_figures_for_the_scenario(plan, login):
    saved = Scenario.objects.create(authority=plan.authorities["A"], name="Shift",
                                    adjustments=SHIFT)
    response = login(plan.users["manager"]).get(
        reverse("planning-scenario-compare", args=[saved.pk]))
    assert response.status_code == 200
    check_page(response)
    base, scenario = engine(plan, SHIFT)
    table = {row[0]: row[1:] for row in rows(response, "comparison")}
    for placement, label in ((ALL, "All children in care"), ("foster_ifa",
                                                              "Independent fostering agency"),
                             ("foster_in_house", "In-house foster care")):
        b = base.frame().filter((pl.col("age_band") == ALL) & (pl.col("placement") == placement))
        s = scenario.frame().filter((pl.col("age_band") == ALL)
                                    & (pl.col("placement") == placement))
        cells = [[f"{b['expected'][k]:,.1f}", f"{s['expected'][k]:,.1f}",
                  f"{s['expected'][k] - b['expected'][k]:+,.1f}"] for k in (0, 12, 24)]
        assert table[label] == [c for triple in cells for c in triple], label
    # 5% of the children in IFAs today move to in-house foster care at once.
    assert table["Independent fostering agency"][2].startswith("-")
    change = scenario_cost_change(base, scenario, CostTable.default("999"))
    totals = [r for r in rows(response, "cost-comparison") if r[1] == "Total"]
    by_year = change.group_by("forecast_year").agg(pl.col("change").sum()).sort("forecast_year")
    for row, value in zip(totals, by_year["change"], strict=True):
        assert row[4] == f"{'+' if value > 0 else '−'}£{abs(round(value)):,}"
    assert "Change the scenario" not in response.content.decode()  # managers only compare


def test_compare_download_is_the_engines_figures_formula_safe_and_audited(plan, login):
    saved = Scenario.objects.create(authority=plan.authorities["A"], adjustments=SHIFT,
                                    name='=HYPERLINK("http://example.com","x")')
    response = login(plan.users["analyst"]).get(
        reverse("planning-scenario-compare-xlsx", args=[saved.pk]))
    assert response.status_code == 200
    book = zipfile.ZipFile(io.BytesIO(response.content))
    names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    assert names == ["Children", "Costs", "Scenario"]
    strings = [unescape(s) for s in re.findall(r"<t[^>]*>([^<]*)</t>",
                                               book.read("xl/sharedStrings.xml").decode())]
    assert "'=HYPERLINK(\"http://example.com\",\"x\")" in strings
    sheets = [book.read(n).decode() for n in sorted(book.namelist())
              if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s for s in sheets)
    base, _ = engine(plan, SHIFT)
    # Children: one row per month end (25) and placement type (10) plus the total, + header.
    assert len(re.findall(r"<row ", sheets[0])) == 1 + 25 * (len(base.groups) + 1)
    event = AuditEvent.objects.get(action="export")
    assert event.changes["export"] == "scenario comparison"
    assert event.changes["filters"] == {"scenario": saved.pk}
