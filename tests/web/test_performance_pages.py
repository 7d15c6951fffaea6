"""The performance page and its downloads: the framework's indicators computed from the record,
suppressed for elected members, computed once per authority and day until the record changes.

The record is the planning tests' (tests/web/planning_world.py) as at 31 March 2025: 24 children
who came into care from June 2020, every fourth of whom left 400 days later, plus the personas'
two children of authority A in care since 1 June 2024.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import polars as pl
import pytest
from django.core.cache import cache
from django.urls import reverse

from carematters.data.caredata import combine_years
from carematters.indicators import results_frame
from carematters.indicators.trends import run_years
from carematters.reports.indicators import format_value
from carematters.stocktake.suppression import SUPPRESSED
from carematters.web.accounts.models import AuditEvent
from carematters.web.children.exporter import export_caredata
from carematters.web.children.models import Episode
from carematters.web.performance import compute
from tests.web.pages import check_page
from tests.web.planning_fixtures import rows
from tests.web.planning_world import AS_AT, build

YEARS = [2021, 2022, 2023, 2024, 2025]
LABELS = ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]


@pytest.fixture(name="record")
def record_fixture(world, monkeypatch):
    monkeypatch.setattr(compute, "today", lambda: AS_AT)
    cache.clear()
    build(world)
    yield world
    cache.clear()


def engine(world) -> pl.DataFrame:
    """The indicators command's way: every year's return combined, then the five years shown."""
    authority = world.authorities["A"]
    data = combine_years([export_caredata(authority, y) for y in YEARS])
    return results_frame(run_years(data, YEARS))


class _Shown:
    """A response's page without the text only screen readers get (a figure's link says whose
    children it leads to)."""

    def __init__(self, response):
        self.content = re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "",
                              response.content.decode()).encode()


def find_row(response, indicator: str) -> list[str]:
    shown = _Shown(response)
    for theme in re.findall(r'<table class="govuk-table" id="(theme-\d+)"', shown.content.decode()):
        for row in rows(shown, theme):
            if f"{indicator} ·" in row[0] or row[0].endswith(f" {indicator}"):
                return row
    raise AssertionError(f"{indicator} not on the page")


def test_director_sees_every_indicator_for_five_years_as_the_engine_computes_it(record, login):
    response = login(record.users["director"]).get(reverse("performance"))
    assert response.status_code == 200
    check_page(response)
    page = response.content.decode()
    for label in LABELS:
        assert f">{label}</th>" in page
    # By hand: on 31 March 2025, 18 of the 24 children (those with i % 4 != 1; the others left
    # 400 days after coming in, the last in December 2024) and the personas' two. On 31 March
    # 2021, the six who had come in by then (child i comes in 55 i days after 1 June 2020): child
    # 1, in on 26 July 2020, left 400 days later, after that day.
    looked_after = find_row(response, "LAC_31MAR")
    assert looked_after[1] == "6" and looked_after[-3] == "20"
    expected = engine(record)
    for indicator in ("NI62", "NI63", "SI_PLACEMENT_1PLUS", "PLACE_FOSTER"):
        ind_rows = expected.filter(pl.col("indicator") == indicator).sort("year")
        unit = ind_rows["unit"][0]
        assert find_row(response, indicator)[1:6] == [
            format_value(v, unit) for v in ind_rows["value"]], indicator


def charts(response) -> dict[str, str]:
    """Each chart's indicator and its text alternative (which lists the points drawn)."""
    return dict(re.findall(r'<img class="app-chart" id="chart-([^"]+)" src="[^"]+" alt="([^"]+)"',
                           response.content.decode()))


def test_members_see_small_numbers_hidden_in_the_table_and_the_charts(record, login):
    director = login(record.users["director"]).get(reverse("performance"))
    member = login(record.users["member"]).get(reverse("performance"))
    assert member.status_code == 200
    check_page(member)
    assert "Counts from 1 to 5 are shown as [c]" in member.content.decode()
    # Children who came into care: 6 in 2020-21 is shown, 5 in 2023-24 and 2 in 2024-25 not.
    assert find_row(director, "STARTED")[1:6] == ["6", "7", "6", "5", "2"]
    assert find_row(member, "STARTED")[1:6] == ["6", "7", "6", SUPPRESSED, SUPPRESSED]
    # A chart draws exactly the years its row shows, so it gives nothing hidden away.
    drawn = charts(member)
    assert drawn
    for indicator, alt in drawn.items():
        row = find_row(member, indicator)
        for label, value in zip(LABELS, row[1:6], strict=True):
            assert (f" {label}: " in alt) == (value not in (SUPPRESSED, "")), (indicator, label)
    # ... and the director's charts draw more: some points were hidden from members.
    points = {i: alt.count(":") for i, alt in charts(director).items()}
    assert sum(points.values()) > sum(alt.count(":") for alt in drawn.values())


def test_indicators_without_a_figure_are_listed_with_the_reason(record, login):
    response = login(record.users["director"]).get(reverse("performance"))
    page = response.content.decode()
    missing = page[page.index('id="missing"'):]
    missing = missing[:missing.index("</ul>")]
    expected = engine(record)
    rate_note = expected.filter((pl.col("indicator") == "LAC_RATE") & (pl.col("year") == 2025))
    # No population was given, and nobody was adopted: no rate, no adoption timeliness.
    assert "(LAC_RATE): " + rate_note["note"][0] in missing.replace("&#x27;", "'")
    assert "(A10)" in missing
    assert 'id="indicator-A10"' not in page and 'id="indicator-NI62"' in page


@pytest.mark.parametrize("username", ["sw", "iro", "education", "health", "admin"])
def test_people_with_casework_roles_get_no_performance_page(record, login, username):
    client = login(record.users[username])
    assert client.get(reverse("performance")).status_code == 404
    assert client.get(reverse("performance-annual", args=[2025, "html"])).status_code == 404
    assert 'href="/performance/"' not in client.get(reverse("home"), follow=True).content.decode()


@pytest.mark.parametrize("username", ["analyst", "manager"])
def test_analysts_and_managers_see_the_figures_unsuppressed(record, login, username):
    response = login(record.users[username]).get(reverse("performance"))
    assert 'href="/performance/"' in response.content.decode()  # in the navigation
    assert find_row(response, "STARTED")[1:6] == ["6", "7", "6", "5", "2"]


def test_an_authority_without_a_complete_year_is_told_so(world, login, monkeypatch):
    # Authority B's only child came into care on 1 June 2024: on 1 January 2025 no year has ended.
    monkeypatch.setattr(compute, "today", lambda: date(2025, 1, 1))
    cache.clear()
    response = login(world.users["outsider"]).get(reverse("performance"))
    assert response.status_code == 404  # a social worker
    world.users["outsider"].role = "director"
    world.users["outsider"].save()
    response = login(world.users["outsider"]).get(reverse("performance"))
    assert "holds no complete year" in response.content.decode()


def test_the_figures_are_computed_once_a_day_until_the_record_changes(record, login, monkeypatch):
    calls = []
    real = compute.run_years
    monkeypatch.setattr(compute, "run_years", lambda *a, **k: calls.append(1) or real(*a, **k))
    client = login(record.users["director"])
    client.get(reverse("performance"))
    client.get(reverse("performance"))
    login(record.users["member"]).get(reverse("performance"))
    assert len(calls) == 1
    # A write to the record is audited, and the audit row moves the cache key on.
    Episode.objects.create(child=record.children["own"], decom=date(2025, 3, 1), rne="P",
                           ls="C2", cin="N1", place="U4", place_provider="PR1")
    client.get(reverse("performance"))
    assert len(calls) == 2


def test_downloads_are_the_reports_and_are_audited(record, login):
    client = login(record.users["member"])
    book = client.get(reverse("performance-xlsx", args=[2025]))
    assert book.status_code == 200 and book["Content-Disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(book.content)) as opened:
        assert "Trends" in opened.read("xl/workbook.xml").decode()
    report = client.get(reverse("performance-report", args=[2025]))
    assert report["Content-Disposition"] == 'attachment; filename="performance-report-2025.html"'
    assert "performance report, year ending 31 March 2025" in report.content.decode()
    annual = client.get(reverse("performance-annual", args=[2025, "html"]))
    assert "Children in care: annual report 2024-25" in annual.content.decode()
    printed = client.get(reverse("performance-annual", args=[2025, "pdf"]))
    assert printed["Content-Type"] == "application/pdf" and printed.content.startswith(b"%PDF")
    exports = AuditEvent.objects.filter(action="export", actor="member")
    assert sorted(e.changes["export"] for e in exports) == [
        "annual report", "annual report", "performance indicators", "performance report"]
    assert all(e.changes["filters"] == {"year": 2025, "suppressed": True} for e in exports)
    # Only the years the page shows, and only the two formats.
    assert client.get(reverse("performance-xlsx", args=[2019])).status_code == 404
    assert client.get(reverse("performance-annual", args=[2025, "docx"])).status_code == 404


def test_the_director_sets_the_child_population_and_the_rate_appears(record, login):
    client = login(record.users["director"])
    assert "(LAC_RATE)" in client.get(reverse("performance")).content.decode()
    wrong = client.post(reverse("performance-population"), {"child_population": "lots"})
    assert wrong.status_code == 200
    check_page(wrong)
    assert "Enter the number of children as a whole number" in wrong.content.decode()
    saved = client.post(reverse("performance-population"), {"child_population": "10000"},
                        follow=True)
    assert "Child population saved" in saved.content.decode()
    # 20 children looked after on 31 March 2025 out of 10,000 is 20 per 10,000.
    assert find_row(saved, "LAC_RATE")[5] == "20"
    event = AuditEvent.objects.filter(action="update", object_type="Authority").get()
    assert event.changes == {"child_population": [None, 10000]} and event.actor == "director"
    # Members read the rate but may not set the population.
    member = login(record.users["member"])
    assert "Save the population" not in member.get(reverse("performance")).content.decode()
    assert member.post(reverse("performance-population"),
                       {"child_population": "1"}).status_code == 404


def test_a_manager_sees_their_own_teams_children_behind_a_figure(record, login):
    client = login(record.users["manager"])
    page = client.get(reverse("performance")).content.decode()
    link = reverse("performance-children", args=["LAC_31MAR", 2025])
    assert f'href="{link}"' in page  # the figure is a link
    response = client.get(link)
    assert response.status_code == 200
    check_page(response)
    listed = rows(response, "children")
    # 20 were looked after on 31 March 2025; "Other" belongs to team A2, not the manager's.
    assert len(listed) == 19
    assert all(row[1] == "Yes" for row in listed)
    text = response.content.decode()
    assert "Own Test (OWN)" in [row[0] for row in listed] and "OTHER" not in text
    assert f'href="{reverse("child-summary", args=[record.children["own"].pk])}"' in text
    event = AuditEvent.objects.filter(action="view", actor="manager").latest("id")
    assert event.changes == {"drilldown": "LAC_31MAR", "year": 2025, "children": 19}


def test_an_analyst_sees_every_child_behind_a_figure_by_return_identifier(record, login):
    response = login(record.users["analyst"]).get(
        reverse("performance-children", args=["STARTED", 2024]))
    listed = rows(response, "children")
    # Five children came into care in 2023-24 (child i comes in 55 i days after 1 June 2020).
    assert [row[0] for row in listed] == ["P019", "P020", "P021", "P022", "P023"][:len(listed)]
    assert len(listed) == 5 and all(row[1] == "Yes" for row in listed)
    assert "/children/" not in response.content.decode().split('id="children"')[1]


@pytest.mark.parametrize("username", ["director", "member"])
def test_directors_and_members_get_figures_without_children(record, login, username):
    client = login(record.users[username])
    page = client.get(reverse("performance")).content.decode()
    assert "/children/" not in page.split("<main")[1]
    url = reverse("performance-children", args=["LAC_31MAR", 2025])
    assert client.get(url).status_code == 404


def test_a_figure_the_page_does_not_show_has_no_children_page(record, login):
    client = login(record.users["analyst"])
    for args in (["LAC_31MAR", 2019], ["NOT_AN_INDICATOR", 2025]):
        assert client.get(reverse("performance-children", args=args)).status_code == 404
