"""The Children in Care Council: meetings, points raised, the answer owed (owner, due date),
and the "you said, we did" list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from carematters.web.accounts.models import AuditEvent
from carematters.web.voice.models import CouncilMeeting, CouncilPoint
from tests.web.pages import check_page


@pytest.fixture
def meeting(world):
    return CouncilMeeting.objects.create(
        authority=world.authorities["A"], held_on=date(2025, 5, 1), title="Spring meeting",
        created_by=world.users["admin"])


def add_point(world, meeting, *, owner="sw", due=None, **kwargs):
    return CouncilPoint.objects.create(
        meeting=meeting, authority=meeting.authority, raised="Pocket money differs by carer",
        owner=world.users[owner], due_on=due or date.today() + timedelta(days=30), **kwargs)


def test_an_editor_records_a_meeting_and_a_point(world, login):
    client = login(world.users["admin"])
    response = client.post(reverse("voice-council-meeting-new"),
                           {"held_on": "2025-05-01", "title": "Spring meeting", "notes": ""})
    meeting = CouncilMeeting.objects.get()
    assert response.url == reverse("voice-council-meeting", args=[meeting.pk])
    page = client.get(response.url)
    check_page(page)
    added = client.post(response.url, {
        "raised": "We want to know our social worker before they change",
        "area": "care_planning", "owner": world.users["manager"].pk, "due_on": "2025-07-01"})
    assert added.status_code == 302
    point = CouncilPoint.objects.get()
    assert (point.owner, point.status, point.authority) == (
        world.users["manager"], "open", world.authorities["A"])
    assert AuditEvent.objects.filter(object_type="CouncilPoint", action="create").exists()


def test_owners_come_from_the_authority_and_exclude_members(world, login, meeting):
    form = login(world.users["admin"]).get(
        reverse("voice-council-meeting", args=[meeting.pk])).context["form"]
    owners = set(form.fields["owner"].queryset)
    assert world.users["manager"] in owners
    assert world.users["member"] not in owners and world.users["outsider"] not in owners


def test_the_owner_answers_and_the_point_moves_to_you_said_we_did(world, login, meeting):
    point = add_point(world, meeting)
    client = login(world.users["sw"])
    url = reverse("voice-council-point", args=[point.pk])
    check_page(client.get(url))
    # Done needs an answer.
    refused = client.post(url, {"status": "done", "answer": "", "answered_on": ""})
    assert "answer" in refused.context["form"].errors
    client.post(url, {"status": "done", "answer": "One rate for all carers from April",
                      "answered_on": ""})
    point.refresh_from_db()
    assert point.status == "done" and point.answered_on == date.today()
    home = login(world.users["member"]).get(reverse("voice-council"))
    check_page(home)
    assert [p.pk for p in home.context["done"]] == [point.pk]
    assert "One rate for all carers from April" in home.content.decode()


def test_overdue_points_are_flagged(world, login, meeting):
    late = add_point(world, meeting, due=date.today() - timedelta(days=1))
    add_point(world, meeting, due=date.today() - timedelta(days=1), status="done",
              answer="Done")
    home = login(world.users["director"]).get(reverse("voice-council"))
    assert home.context["waiting"] == [(late, True)]
    assert "Overdue" in home.content.decode()


def test_only_editors_and_the_owner_may_answer(world, login, meeting):
    point = add_point(world, meeting, owner="sw")
    url = reverse("voice-council-point", args=[point.pk])
    for persona, status in (("sw", 200), ("manager", 200), ("admin", 200), ("director", 200),
                            ("sw_other", 404), ("member", 404), ("iro", 404), ("outsider", 404)):
        assert login(world.users[persona]).get(url).status_code == status, persona


def test_members_read_but_do_not_write(world, login, meeting):
    client = login(world.users["member"])
    assert client.get(reverse("voice-council-meeting", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("voice-council-meeting-new")).status_code == 404
    refused = client.post(reverse("voice-council-meeting", args=[meeting.pk]), {
        "raised": "x", "owner": world.users["sw"].pk, "due_on": "2025-07-01"})
    assert refused.status_code == 404 and not CouncilPoint.objects.exists()


def test_another_authority_sees_nothing(world, login, meeting):
    point = add_point(world, meeting)
    client = login(world.users["outsider"])
    assert client.get(reverse("voice-council-meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("voice-council-point", args=[point.pk])).status_code == 404
    home = client.get(reverse("voice-council"))
    assert home.status_code == 200
    assert list(home.context["meetings"]) == [] and home.context["waiting"] == []


def test_the_voice_home_and_nav_link(world, login):
    for persona in ("sw", "admin", "member", "director"):
        response = login(world.users[persona]).get(reverse("voice-home"))
        assert response.status_code == 200
        check_page(response)
        assert reverse("voice-home") in response.content.decode()
    assert login(world.users["sw"]).get(reverse("voice-home")).context["can_issue"]
    assert not login(world.users["member"]).get(reverse("voice-home")).context["can_issue"]
