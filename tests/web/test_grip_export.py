"""The grip pages' XLSX downloads: what the page shows, typed, formula-safe and audited."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape

import pytest
from django.urls import reverse

from carematters.web.accounts.models import AuditEvent
from tests.web.grip_world import AS_AT, build


@pytest.fixture
def kids(world, monkeypatch):
    monkeypatch.setattr("carematters.web.grip.record.today", lambda: AS_AT)
    return build(world)


def workbook(response) -> dict:
    """Sheet names, shared strings and whether any cell holds a formula."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = zipfile.ZipFile(io.BytesIO(response.content))
    names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    strings = [unescape(s) for s in re.findall(r"<t[^>]*>([^<]*)</t>",
                                               book.read("xl/sharedStrings.xml").decode())]
    sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    return {"sheets": names, "strings": strings,
            "formulas": any("<f>" in s or "<f " in s for s in sheets),
            "rows": [len(re.findall(r"<row ", s)) for s in sheets]}


def test_my_children_export_matches_the_page_and_is_audited(kids, login):
    response = login(kids["own"].social_worker).get(reverse("grip-my-children-xlsx"),
                                                    {"item": "T2"})
    book = workbook(response)
    assert book["sheets"] == ["Items"]
    assert book["rows"] == [3]  # the header and the two overdue placement plans
    assert "Second Test" in book["strings"] and "Other Test" not in book["strings"]
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.changes == {"export": "my children", "rows": 2, "filters": {"item": "T2",
                                                                            "sort": "due"}}
    assert event.actor == "sw"


def test_exported_text_cannot_become_a_formula(kids, login):
    child = kids["own"]
    child.given_name = '=HYPERLINK("http://example.invalid","x")'
    child.save()
    book = workbook(login(child.social_worker).get(reverse("grip-my-children-xlsx")))
    assert not book["formulas"]
    assert '\'=HYPERLINK("http://example.invalid","x") Test' in book["strings"]


def test_director_export_has_figures_and_no_children(kids, world, login):
    book = workbook(login(world.users["director"]).get(reverse("grip-service-xlsx")))
    assert book["sheets"] == ["By worker", "By item", "By team"]
    assert not any("Test" in s for s in book["strings"])


def test_manager_export_lists_the_teams_children(kids, world, login):
    book = workbook(login(world.users["manager"]).get(reverse("grip-team-xlsx")))
    assert book["sheets"] == ["By worker", "By item", "Items"]
    assert "Own Test" in book["strings"] and "Other Test" not in book["strings"]


def test_iro_and_entitlement_exports(kids, world, login):
    reviews = workbook(login(world.users["iro"]).get(reverse("grip-reviews-xlsx")))
    assert reviews["rows"] == [2] and "Own Test" in reviews["strings"]
    totals = workbook(login(world.users["analyst"]).get(reverse("grip-entitlements-xlsx")))
    assert totals["rows"] == [2] and "Pupil Premium Plus" in totals["strings"]
    assert not any("Test" in s for s in totals["strings"])
