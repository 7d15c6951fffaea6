"""The grip pages on a tiny record (tests/web/grip_world.py has the hand-worked figures): each
persona sees only the children the access policy lets them open, with the right counts."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date

import pytest
from django.urls import reverse

from tests.web.grip_world import AS_AT, build
from tests.web.pages import check_page


@pytest.fixture
def kids(world, monkeypatch):
    monkeypatch.setattr("carematters.web.grip.record.today", lambda: AS_AT)
    return build(world)


def text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def rows(response, table_id: str) -> list[str]:
    """The body rows of one table, each as its cells' text joined by " | "."""
    html = response.content.decode()
    table = html[html.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody"):table.index("</tbody>")]
    out = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        out.append(" | ".join(
            html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", c).split())) for c in cells))
    return out


def test_my_children_lists_overdue_items_first_then_this_week(kids, login):
    response = login(kids["own"].social_worker).get(reverse("grip-my-children"))
    assert response.status_code == 200
    assert "2 children allocated to you, 3 overdue items and 2 due this week" in text(response)
    assert rows(response, "items") == [
        "Own Test | T2: placement plan (U3) | 17 Feb 2025 | Overdue 3 days",
        "Second Test | T2: placement plan (U3) | 17 Feb 2025 | Overdue 3 days",
        "Second Test | T8: first visit in placement | 17 Feb 2025 | Overdue 3 days",
        "Own Test | T1: care plan | 24 Feb 2025 | Due this week",
        "Second Test | T1: care plan | 24 Feb 2025 | Due this week",
    ]


def test_my_children_shows_only_the_workers_own_children(kids, world, login):
    page = text(login(world.users["sw_other"]).get(reverse("grip-my-children")))
    assert "Other Test" in page
    assert "Own Test" not in page and "Second Test" not in page and "Foreign" not in page
    page = text(login(world.users["outsider"]).get(reverse("grip-my-children")))
    assert "Foreign Test" in page and "Own Test" not in page and "Other Test" not in page


def test_my_children_filters_and_sorts(kids, login):
    client = login(kids["own"].social_worker)
    by_item = rows(client.get(reverse("grip-my-children"), {"item": "T8"}), "items")
    assert by_item == ["Second Test | T8: first visit in placement | 17 Feb 2025 | Overdue 3 days"]
    this_week = rows(client.get(reverse("grip-my-children"), {"status": "this-week"}), "items")
    assert [r.split(" | ")[1] for r in this_week] == ["T1: care plan", "T1: care plan"]
    by_child = rows(client.get(reverse("grip-my-children"), {"sort": "child"}), "items")
    assert [r.split(" | ")[0] for r in by_child] == ["Own Test"] * 2 + ["Second Test"] * 3
    # Unknown values are ignored rather than trusted.
    odd = client.get(reverse("grip-my-children"), {"item": "T99", "status": "x", "sort": "y"})
    assert len(rows(odd, "items")) == 5


def test_team_dashboard_counts_by_worker_and_item(kids, world, login):
    response = login(world.users["manager"]).get(reverse("grip-team"))
    assert rows(response, "by-worker") == ["Sw | 2 | 3 | 2 | 0"]
    assert rows(response, "by-item") == [
        "T1: care plan | 0 | 2 | 0",
        "T2: placement plan | 2 | 0 | 0",
        "T8: visit in a placement's first week | 1 | 0 | 0",
    ]
    listed = rows(response, "items")
    assert len(listed) == 5 and all("Other Test" not in r for r in listed)
    assert f'href="{reverse("child-summary", args=[kids["own"].pk])}"' in response.content.decode()


def test_team_dashboard_worker_filter(kids, world, login):
    client = login(world.users["manager"])
    sw = world.users["sw"]
    filtered = client.get(reverse("grip-team"), {"worker": str(sw.pk), "status": "overdue"})
    assert rows(filtered, "by-item") == [
        "T2: placement plan | 2 | 0 | 0", "T8: visit in a placement's first week | 1 | 0 | 0"]
    # A worker outside the team is not an option, so the filter is ignored.
    other = client.get(reverse("grip-team"), {"worker": str(world.users["sw_other"].pk)})
    assert rows(other, "by-worker") == ["Sw | 2 | 3 | 2 | 0"]


def test_service_dashboard_has_figures_and_no_children(kids, world, login):
    response = login(world.users["director"]).get(reverse("grip-service"))
    assert rows(response, "by-worker") == ["Sw | 2 | 3 | 2 | 0", "Sw_Other | 1 | 2 | 1 | 0"]
    assert rows(response, "by-team") == ["Team A1 | 2 | 3 | 2 | 0", "Team A2 | 1 | 2 | 1 | 0"]
    assert rows(response, "by-item")[0] == "T1: care plan | 0 | 3 | 0"
    html = response.content.decode()
    assert "Own Test" not in html and "Other Test" not in html and "/children/" not in html
    assert 'id="items"' not in html


def test_iro_sees_the_next_review_of_the_children_they_review(kids, world, login):
    response = login(world.users["iro"]).get(reverse("grip-reviews"))
    assert rows(response, "reviews") == [
        "Own Test | first review | 10 Mar 2025 | None recorded | 14 Feb 2025 | Yes | Yes"]


def test_entitlements_for_case_holders_education_and_directors(kids, world, login):
    mine = rows(login(world.users["sw"]).get(reverse("grip-entitlements")), "entitlements")
    assert [r.split(" | ")[0] for r in mine] == ["Own Test", "Second Test"]
    assert all("Pupil Premium Plus" in r and "1 Apr 2024 | 31 Mar 2025 | £2,570" in r for r in mine)
    # Education staff see the school allowances of every child looked after by the authority.
    school = rows(login(world.users["education"]).get(reverse("grip-entitlements")),
                  "entitlements")
    assert [r.split(" | ")[0] for r in school] == ["Other Test", "Own Test", "Second Test"]
    for persona in ("director", "analyst"):
        response = login(world.users[persona]).get(reverse("grip-entitlements"))
        assert rows(response, "entitlement-totals") == ["Pupil Premium Plus | 3 | £7,710"]
        assert "Own Test" not in response.content.decode()


def test_entitlements_filters(kids, world, login):
    client = login(world.users["sw"])
    assert rows(client.get(reverse("grip-entitlements"), {"entitlement": "jisa"}),
                "entitlements") == ["No entitlements to show."]
    assert len(rows(client.get(reverse("grip-entitlements"), {"period": "all"}),
                    "entitlements")) == 2


def test_grip_pages_pass_the_page_checks(kids, world, login):
    for persona, name in (("sw", "grip-my-children"), ("manager", "grip-team"),
                          ("director", "grip-service"), ("iro", "grip-reviews"),
                          ("sw", "grip-entitlements"), ("director", "grip-entitlements")):
        response = login(world.users[persona]).get(reverse(name))
        assert response.status_code == 200, (persona, name)
        check_page(response)


def test_navigation_links_follow_the_role(kids, world, login):
    expected = {
        "sw": {"grip-my-children", "grip-entitlements"},
        "manager": {"grip-team", "grip-entitlements"},
        "director": {"grip-service", "grip-entitlements"},
        "iro": {"grip-reviews", "grip-entitlements"},
        "education": {"grip-entitlements"},
        "health": set(),
        "member": set(),
    }
    every = {"grip-my-children", "grip-team", "grip-service", "grip-reviews", "grip-entitlements"}
    for persona, names in expected.items():
        client = login(world.users[persona])
        html = client.get(reverse("home"), follow=True).content.decode()
        nav = html[html.index('id="navigation"'):html.index("</nav>")]
        shown = {name for name in every if f'href="{reverse(name)}"' in nav}
        assert shown == names, persona


GRIP_PAGES = ("grip-my-children", "grip-team", "grip-service", "grip-reviews",
              "grip-entitlements")


def test_every_child_linked_from_a_grip_page_is_one_the_user_may_open(kids, world, client):
    from carematters.web.children.models import Child

    for persona, user in world.users.items():
        client.force_login(user)
        for name in GRIP_PAGES:
            response = client.get(reverse(name))
            if response.status_code != 200:
                continue
            for pk in set(re.findall(r'href="/children/([0-9a-f-]{36})/"',
                                     response.content.decode())):
                child = Child.objects.get(pk=pk)
                assert user.has_perm("children.view_child", child), (persona, name, child)


def _care_leaver(world):
    """Born 1 June 2004, in care (long-term foster care) from 1 January 2019 to 1 June 2021: an
    eligible child from the 16th birthday (1 June 2020), so a care leaver owed an adviser. That
    care ended before the three collection years the clocks judge (horizon 1 April 2022)."""
    from carematters.web.children.models import Child, Episode

    leaver = Child.objects.create(
        authority=world.authorities["A"], child_id="LEAVER", given_name="Leaver",
        family_name="Test", dob=date(2004, 6, 1), sex="M", ethnicity="WBRI",
        team=world.teams["A1"], social_worker=world.users["sw"], status="care_leaver",
    )
    Episode.objects.create(child=leaver, decom=date(2019, 1, 1), rne="S", ls="C2", cin="N1",
                           place="U4", place_provider="PR1", dec=date(2021, 6, 1), rec="E8")
    return leaver


def test_a_care_leaver_whose_care_ended_years_ago_still_has_adviser_contacts_due(kids, world,
                                                                              login):
    _care_leaver(world)
    client = login(world.users["sw"])
    listed = rows(client.get(reverse("grip-my-children"), {"item": "T25"}), "items")
    # First contact due 56 days after leaving (27 July 2021), before the horizon: the engine
    # assumes a contact on 1 April 2022, so the first judged one was due 27 May 2022.
    assert listed == ["Leaver Test | T25: adviser contact | 27 May 2022 | Overdue 1000 days"]
    everything = rows(client.get(reverse("grip-entitlements"), {"period": "all", "sort": "from"}),
                      "entitlements")
    leaver = [r for r in everything if r.startswith("Leaver Test")]
    assert [r.split(" | ")[2:] for r in leaver] == [
        ["1 Apr 2018", "31 Mar 2019", "£2,300"],   # Pupil Premium Plus 2018-19, aged 14
        ["1 Apr 2019", "31 Mar 2020", "£2,300"],   # and 2019-20, aged 15
        ["1 Jan 2020", "31 May 2022", "£200"],     # Junior ISA: 12 months in care
        ["1 Jun 2020", "31 May 2029", ""],         # personal adviser to the 25th birthday
    ]
    current = rows(client.get(reverse("grip-entitlements")), "entitlements")
    assert [r.split(" | ")[1].split(" ")[0:2] for r in current if r.startswith("Leaver")] == [
        ["Personal", "adviser"]]


def test_a_review_whose_decisions_were_not_circulated_shows_as_overdue(kids, login):
    # Review on Wednesday 12 February: decisions due on the 5th working day, Wednesday 19th;
    # the record (20 working days, 12 March) is not yet due within the fortnight.
    from carematters.web.children.models import Review

    Review.objects.create(child=kids["own2"], review_date=date(2025, 2, 12), review_code="PN1")
    listed = rows(login(kids["own"].social_worker).get(reverse("grip-my-children")), "items")
    t29 = [r for r in listed if "T29" in r]
    assert t29 == [
        "Second Test | T29: review decisions circulated (review of 2025-02-12) | 19 Feb 2025 "
        "| Overdue 1 day"
    ]
    Review.objects.filter(child=kids["own2"]).update(decisions_sent=date(2025, 2, 19))
    listed = rows(login(kids["own"].social_worker).get(reverse("grip-my-children")), "items")
    assert not [r for r in listed if "T29" in r]


def test_a_missed_but_still_actionable_item_is_on_the_workers_list(kids, login):
    # T28: a review on Wednesday 12 February with nothing recorded about the IRO speaking to the
    # child is on the list (the IRO may have done it) until the record says either way.
    from carematters.web.children.models import Episode, Review

    own2 = kids["own2"]
    Review.objects.create(child=own2, review_date=date(2025, 2, 12), review_code="PN1")
    client = login(kids["own"].social_worker)
    listed = rows(client.get(reverse("grip-my-children")), "items")
    assert "Second Test | T28: IRO spoke to the child (review of 2025-02-12) | 12 Feb 2025 " \
           "| Overdue 8 days" in listed
    Review.objects.filter(child=own2).update(iro_consulted=False)  # recorded: missed, done with
    listed = rows(client.get(reverse("grip-my-children")), "items")
    assert not [r for r in listed if "T28" in r]
    # T32: s20 care of more than 20 working days ended on Friday 14 February with no approval
    # recorded: overdue and still to put right although the child has left care.
    Episode.objects.filter(child=own2).update(decom=date(2024, 12, 2), ls="V2",
                                              dec=date(2025, 2, 14), rec="E4A")
    listed = rows(client.get(reverse("grip-my-children")), "items")
    assert ("Second Test | T32: decision to cease s20 care approved (ended 2025-02-14) "
            "| 14 Feb 2025 | Overdue 6 days") in listed
    Episode.objects.filter(child=own2).update(cease_approved=date(2025, 2, 18))
    listed = rows(client.get(reverse("grip-my-children")), "items")
    assert not [r for r in listed if "T32" in r]
