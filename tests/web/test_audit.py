"""The audit trail: every read and write of a child's record is written, nobody can edit it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from carematters.web.accounts.models import AuditEvent


def test_viewing_a_child_writes_exactly_one_access_entry(world, login):
    child = world.children["own"]
    client = login(world.users["sw"])
    before = AuditEvent.objects.count()
    assert client.get(reverse("child-summary", args=[child.pk])).status_code == 200
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.actor, e.child_id) for e in events] == [("view", "sw", child.pk)]
    assert events[0].ip == "127.0.0.1" and events[0].request_id
    assert events[0].page == reverse("child-summary", args=[child.pk])


def test_every_section_read_is_audited(world, login):
    child = world.children["own"]
    client = login(world.users["sw"])
    for section in ("visits", "health", "history"):
        url = (reverse("child-history", args=[child.pk]) if section == "history"
               else reverse("child-section", args=[child.pk, section]))
        client.get(url)
    sections = AuditEvent.objects.filter(child_id=child.pk, action="view").values_list(
        "changes__section", flat=True)
    assert set(sections) == {"visits", "health", "history"}


def test_a_refused_look_is_audited(world, login):
    child = world.children["foreign"]
    login(world.users["sw"]).get(reverse("child-summary", args=[child.pk]))
    denied = AuditEvent.objects.get(action="denied", actor="sw")
    assert denied.changes["child"] == str(child.pk)
    assert denied.child_id is None  # an outsider's attempt is not filed under the child


def test_a_change_records_who_changed_which_fields_with_free_text_masked(world, login):
    child = world.children["own"]
    visit = child.visits.get()
    client = login(world.users["sw"])
    response = client.post(
        reverse("record-edit", args=[child.pk, "visits", "visit", visit.pk]),
        {"visit_date": "2025-01-10", "seen": "true", "seen_alone": "false",
         "child_views": "I want to see my brother more", "kind": "STAT"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="update", object_type="Visit").latest("id")
    assert event.actor == "sw"
    assert event.changes["seen_alone"] == [True, False]
    assert event.changes["child_views"] == "changed"
    assert "brother" not in str(event.changes)


def test_creating_a_record_is_audited(world, login):
    child = world.children["own"]
    login(world.users["sw"]).post(
        reverse("record-new", args=[child.pk, "health", "dental-check"]), {"check_date": "2025-03-01"},
    )
    assert AuditEvent.objects.filter(action="create", object_type="DentalCheck", actor="sw",
                                     child_id=child.pk).exists()


@pytest.mark.parametrize("change", ["update", "delete"])
def test_audit_rows_cannot_be_updated_or_deleted(world, change):
    event = AuditEvent.objects.create(actor="someone", action="view")
    with pytest.raises(DatabaseError), transaction.atomic():
        if change == "update":
            AuditEvent.objects.filter(pk=event.pk).update(actor="someone else")
        else:
            AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.actor == "someone"


def test_the_child_history_shows_changes(world, login):
    child = world.children["own"]
    client = login(world.users["sw"])
    page = client.get(reverse("child-history", args=[child.pk])).content.decode()
    assert "Visit (seen alone)" in page
    assert "create Visit" in page


def test_administrator_reports_who_viewed_a_child_without_seeing_the_record(world, login):
    child = world.children["own"]
    login(world.users["sw"]).get(reverse("child-summary", args=[child.pk]))
    client = login(world.users["admin"])
    page = client.get(reverse("audit-report"), {"child": "OWN"}).content.decode()
    assert "sw" in page and "view" in page
    assert client.get(reverse("child-summary", args=[child.pk])).status_code == 404


def test_the_manager_sees_who_has_seen_the_record(world, login):
    child = world.children["own"]
    login(world.users["iro"]).get(reverse("child-summary", args=[child.pk]))
    page = login(world.users["manager"]).get(reverse("child-access-log", args=[child.pk]))
    assert b"iro" in page.content
