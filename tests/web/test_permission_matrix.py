"""Every child-scoped URL, for every persona and each of own / other-team / other-authority
child, answers exactly as docs/access.md says: 200 where allowed, 404 everywhere else."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from carematters.web.children.sections import SECTION_PAGES, kind_slug, section_url_slug
from tests.web.conftest import PERSONAS

CASE = {"identity", "placements", "plans", "reviews", "visits", "education", "health", "missing",
        "leaving_care", "adoption", "history"}
EDITABLE = CASE - {"history"}

# What each persona may view and change, for each child. Anything not listed: 404.
EXPECTED: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    ("sw", "own"): (CASE, EDITABLE),
    ("manager", "own"): (CASE | {"audit"}, EDITABLE),
    ("iro", "own"): (CASE, {"reviews"}),
    ("education", "own"): ({"identity", "education"}, {"education"}),
    ("health", "own"): ({"identity", "health"}, {"health"}),
    ("sw_other", "other"): (CASE, EDITABLE),
    ("education", "other"): ({"identity", "education"}, {"education"}),
    ("health", "other"): ({"identity", "health"}, {"health"}),
    ("outsider", "foreign"): (CASE, EDITABLE),
}


def child_urls(child) -> list[tuple[str, str, str]]:
    """(url, section, "view" or "change") for every child-scoped page."""
    pk = child.pk
    urls = [
        (reverse("child-summary", args=[pk]), "identity", "view"),
        (reverse("child-details", args=[pk]), "identity", "change"),
        (reverse("child-history", args=[pk]), "history", "view"),
        (reverse("child-access-log", args=[pk]), "audit", "view"),
        (reverse("api:get_child", args=[pk]), "identity", "view"),
        (reverse("api:list_episodes", args=[pk]), "placements", "view"),
    ]
    for slug, section in SECTION_PAGES.items():
        urls.append((reverse("child-section", args=[pk, section_url_slug(slug)]), slug, "view"))
        for kind in section.kinds:
            urls.append((reverse("record-new", args=[pk, section_url_slug(slug), kind_slug(kind)]),
                         slug, "change"))
    visit = child.visits.get()
    urls.append((reverse("record-edit", args=[pk, "visits", "visit", visit.pk]), "visits", "change"))
    return urls


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_every_child_url_answers_as_documented(world, client, persona):
    client.force_login(world.users[persona])
    wrong = []
    for child_key, child in world.children.items():
        can_view, can_change = EXPECTED.get((persona, child_key), (set(), set()))
        for url, section, mode in child_urls(child):
            allowed = section in (can_view if mode == "view" else can_change)
            status = client.get(url).status_code
            if status != (200 if allowed else 404):
                wrong.append(f"{persona} {child_key} {mode} {url}: {status}")
    assert wrong == []


def test_a_change_posted_by_someone_who_may_only_view_is_refused(world, login):
    client = login(world.users["iro"])
    url = reverse("record-new", args=[world.children["own"].pk, "visits", "visit"])
    response = client.post(url, {"visit_date": "2025-02-01", "seen": "true", "seen_alone": "true"})
    assert response.status_code == 404
    assert world.children["own"].visits.count() == 1


ROLE_PAGES = {
    "child-list": {"sw", "sw_other", "manager", "iro", "education", "health", "outsider"},
    "aggregates": {"member", "director", "analyst"},
    "analysis": {"analyst"},
    "pseudonymised-episodes": {"analyst"},
    "load-return": {"analyst"},
    "administration": {"admin"},
    "audit-report": {"admin"},
}
# Management grip pages (web/grip) and their XLSX twins: the same roles for both.
_GRIP = {
    "grip-my-children": {"sw", "sw_other", "outsider"},
    "grip-team": {"manager"},
    "grip-service": {"director"},
    "grip-reviews": {"iro"},
    "grip-entitlements": {"sw", "sw_other", "outsider", "manager", "iro", "education",
                          "director", "analyst"},
}
ROLE_PAGES.update(_GRIP)
ROLE_PAGES.update({f"{name}-xlsx": who for name, who in _GRIP.items()})
# Planning (web/planning): the forecast for everyone allowed aggregates (members suppressed);
# scenarios listed and compared by them less members; written, with the costs, by planners.
_FIGURES = {"director", "analyst", "manager"}
_PLANNERS = {"director", "analyst"}
ROLE_PAGES.update({
    "planning-forecast": _FIGURES | {"member"},
    "planning-scenarios": _FIGURES,
    "planning-scenario-new": _PLANNERS,
    "planning-costs": _PLANNERS,
})
# Performance (web/performance): the indicators for everyone allowed aggregates (members
# suppressed); the child population set by planners.
ROLE_PAGES.update({
    "performance": _FIGURES | {"member"},
    "performance-population": _PLANNERS,
})
# Its downloads for the latest complete year (the world's children came in on 1 June 2024).
PERFORMANCE_DOWNLOADS = {
    ("performance-xlsx", ()): _FIGURES | {"member"},
    ("performance-report", ()): _FIGURES | {"member"},
    ("performance-annual", ("html",)): _FIGURES | {"member"},
}
# Pages of one saved scenario of authority A: its own planners and figure-readers only.
SCENARIO_PAGES = {
    "planning-scenario-edit": _PLANNERS,
    "planning-scenario-delete": _PLANNERS,
    "planning-scenario-compare": _FIGURES,
    "planning-scenario-compare-xlsx": _FIGURES,
}


@pytest.mark.parametrize("name", sorted(ROLE_PAGES))
def test_role_pages_open_only_for_their_roles(world, client, name):
    url = reverse(name)
    for persona, user in world.users.items():
        client.force_login(user)
        expected = 200 if persona in ROLE_PAGES[name] else 404
        assert client.get(url).status_code == expected, persona


@pytest.mark.parametrize("name", sorted(SCENARIO_PAGES))
def test_scenario_pages_open_only_for_their_roles(world, client, name):
    from carematters.web.planning.models import Scenario

    scenario = Scenario.objects.create(authority=world.authorities["A"], name="Fewer entries",
                                       adjustments=[{"kind": "entries", "multiply": 0.9}])
    url = reverse(name, args=[scenario.pk])
    for persona, user in world.users.items():
        client.force_login(user)
        expected = 200 if persona in SCENARIO_PAGES[name] else 404
        assert client.get(url).status_code == expected, persona


@pytest.mark.parametrize("name,extra", sorted(PERFORMANCE_DOWNLOADS))
def test_performance_downloads_open_only_for_their_roles(world, client, name, extra):
    from carematters.reports.grip import last_complete_year

    url = reverse(name, args=[last_complete_year(date.today()), *extra])
    for persona, user in world.users.items():
        client.force_login(user)
        expected = 200 if persona in PERFORMANCE_DOWNLOADS[(name, extra)] else 404
        assert client.get(url).status_code == expected, persona


def test_the_children_behind_a_figure_open_only_for_managers_and_analysts(world, client):
    from carematters.reports.grip import last_complete_year

    url = reverse("performance-children", args=["LAC_31MAR", last_complete_year(date.today())])
    for persona, user in world.users.items():
        client.force_login(user)
        expected = 200 if persona in {"manager", "analyst"} else 404
        assert client.get(url).status_code == expected, persona


def test_members_reach_no_child_level_page(world, login):
    client = login(world.users["member"])
    assert client.get(reverse("child-list")).status_code == 404
    for child in world.children.values():
        for url, _section, _mode in child_urls(child):
            assert client.get(url).status_code == 404, url
