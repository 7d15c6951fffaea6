"""Survey codes: made in batches by staff, single-use, expiring, stored as hashes, refused with
one message whatever the reason, and pages that know nobody."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from carematters.web.accounts.models import AuditEvent
from carematters.web.voice import links
from carematters.web.voice.models import (
    RefusedLink,
    SurveyAnswer,
    SurveyBatch,
    SurveyCode,
    SurveyResponse,
)
from tests.web.pages import check_page

REFUSED = "This code does not work"


def batch(world, size=1, band="11-17", **kwargs):
    return links.make_batch(authority=world.authorities["A"], band=band, size=size,
                            created_by=world.users["sw"], **kwargs)


def one_code(world, **kwargs):
    made, codes = batch(world, **kwargs)
    return made, codes[0]


def start(client, code):
    return client.post(reverse("voice-survey-start", args=[code]), {"start": "1"})


def test_a_worker_makes_a_batch_of_slips_shown_once_and_stored_as_hashes(world, login):
    client = login(world.users["sw"])
    response = client.post(reverse("voice-batch-new"), {
        "band": "8-11", "size": 5, "team": world.teams["A1"].pk, "days": 28})
    assert response.status_code == 200
    check_page(response)
    made = SurveyBatch.objects.get()
    assert (made.band, made.size, made.team, made.created_by) == (
        "8-11", 5, world.teams["A1"], world.users["sw"])
    slips = response.context["slips"]
    codes = [s["code"] for s in slips]
    assert len(set(codes)) == 5 and all(len(links.normalise(c)) == 16 for c in codes)
    stored = set(SurveyCode.objects.filter(batch=made).values_list("code_hash", flat=True))
    assert stored == {links.hash_code(c) for c in codes}
    html = response.content.decode()
    assert all(c in html for c in codes) and reverse("voice-survey-enter") in html
    # The codes exist on this page only: not in the database, not in the trail.
    for code in codes:
        assert not SurveyCode.objects.filter(code_hash__icontains=links.normalise(code)).exists()
        assert not AuditEvent.objects.filter(changes__icontains=code).exists()
    event = AuditEvent.objects.get(action="create", object_type="SurveyBatch")
    assert event.child_id is None and event.changes["codes"] == 5
    # No child appears on the slips (the CSP nonce, random text, is left out of the search).
    html = re.sub(r'nonce="[^"]*"', "", html)
    for child in world.children.values():
        assert child.given_name not in html and child.child_id not in html


def test_typing_is_forgiving():
    assert links.normalise("7k3m-xq2p 9dfa-b4rt") == "7K3MXQ2P9DFAB4RT"
    assert links.normalise("O0-Il") == "0011"
    assert links.hash_code("abcd-efgh") == links.hash_code("ABCDEFGH")


@pytest.mark.parametrize("persona", ["sw", "manager", "admin"])
def test_social_workers_managers_and_administrators_make_codes(world, login, persona):
    response = login(world.users[persona]).get(reverse("voice-batch-new"))
    assert response.status_code == 200
    check_page(response)
    # Teams offered are the authority's own.
    html = response.content.decode()
    assert "Team A1" in html and "Team B1" not in html


@pytest.mark.parametrize("persona", ["member", "director", "iro", "analyst", "health"])
def test_other_roles_do_not_reach_the_code_pages(world, login, persona):
    client = login(world.users[persona])
    assert client.get(reverse("voice-batch-new")).status_code == 404
    assert client.get(reverse("voice-batches")).status_code == 404


def test_a_team_from_another_authority_is_refused(world, login):
    client = login(world.users["sw"])
    response = client.post(reverse("voice-batch-new"), {
        "band": "8-11", "size": 5, "team": world.teams["B1"].pk, "days": 28})
    assert response.status_code == 200 and not SurveyBatch.objects.exists()
    assert "team" in response.context["form"].errors


def test_a_code_works_once(world, client):
    _, code = one_code(world)
    page = client.get(reverse("voice-survey-start", args=[code]))
    assert page.status_code == 200
    check_page(page)
    assert start(client, code).url == reverse("voice-survey-questions")
    used = SurveyCode.objects.get()
    assert used.used_on == timezone.localdate()  # a day, not a time
    # Used: the code now gets the refusal in any other browser.
    client.cookies.clear()
    again = client.get(reverse("voice-survey-start", args=[code]))
    assert again.status_code == 404 and REFUSED in again.content.decode()


def test_a_child_types_the_code_from_the_slip(world, client):
    _, code = one_code(world)
    entry = client.get(reverse("voice-survey-enter"))
    assert entry.status_code == 200
    check_page(entry)
    # Typed in lower case without dashes: the start page, which does not spend it yet.
    typed = client.post(reverse("voice-survey-enter"), {"code": code.lower().replace("-", " ")})
    assert typed.status_code == 200 and "Start" in typed.content.decode()
    check_page(typed)
    assert SurveyCode.objects.get().used_on is None
    started = client.post(reverse("voice-survey-enter"),
                          {"code": links.normalise(code), "start": "1"})
    assert started.url == reverse("voice-survey-questions")
    assert SurveyCode.objects.get().used_on is not None


def test_a_wrong_typed_code_is_refused_like_any_other(world, client):
    refused = client.post(reverse("voice-survey-enter"), {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert refused.status_code == 404 and REFUSED in refused.content.decode()
    empty = client.post(reverse("voice-survey-enter"), {"code": " - "})
    assert empty.status_code == 200 and "Enter the code" in empty.content.decode()


def test_going_back_to_the_link_mid_survey_carries_on_in_the_same_browser(world, client):
    _, code = one_code(world)
    start(client, code)
    back = client.get(reverse("voice-survey-start", args=[code]))
    assert back.url == reverse("voice-survey-questions")
    # Another browser with the same code is refused.
    client.cookies.clear()
    assert client.get(reverse("voice-survey-start", args=[code])).status_code == 404


def test_answers_are_stored_without_the_code_and_only_once(world, client):
    _, code = one_code(world)
    start(client, code)
    questions = client.get(reverse("voice-survey-questions"))
    assert questions.status_code == 200
    check_page(questions)
    sent = client.post(reverse("voice-survey-questions"), {
        "safe_home": "yes", "bullied": "hardly", "hobby": "sometimes", "gender": "unsaid",
        "placement": "foster"})
    assert sent.url == reverse("voice-survey-thanks")
    response = SurveyResponse.objects.get()
    today = timezone.localdate()
    assert (response.authority, response.band, response.gender, response.placement) == (
        world.authorities["A"], "11-17", "unsaid", "foster")
    assert response.answered_month == today.replace(day=1)
    assert response.collection_year == today.year + (today.month >= 4)
    given = dict(SurveyAnswer.objects.values_list("question", "answer"))
    # Every question of the band is stored; the ones left out as skipped (None).
    assert given["safe_home"] == "yes" and given["bullied"] == "hardly"
    assert given["happy_life"] is None and "young_safe" not in given
    # The browser has forgotten the code.
    assert links.SESSION_KEY not in client.session
    # Sending again, or using the code again, is refused and stores nothing more.
    assert REFUSED in client.post(reverse("voice-survey-questions"),
                                  {"safe_home": "no"}).content.decode()
    assert start(client, code).status_code == 404
    assert SurveyResponse.objects.count() == 1
    # The trail records that answers came, not which code, batch or answer set.
    event = AuditEvent.objects.get(changes__survey="answered")
    assert event.child_id is None and event.object_id == "" and "yes" not in str(event.changes)
    assert set(event.changes) == {"survey", "band"}


def test_the_same_submission_is_stored_once(world, client):
    """Two sends racing from one browser share a submission key: the second stores nothing."""
    from carematters.web.voice.survey import _save

    _, code = one_code(world)
    start(client, code)
    started = links.in_session(client.session)
    _save(started, {"safe_home": "yes"}, {"gender": "", "placement": ""})
    _save(started, {"safe_home": "no"}, {"gender": "", "placement": ""})
    assert SurveyResponse.objects.count() == 1 and SurveyAnswer.objects.get().answer == "yes"


def test_about_you_may_be_skipped(world, client):
    _, code = one_code(world, band="4-7")
    start(client, code)
    assert client.post(reverse("voice-survey-questions"), {}).status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.gender, response.placement) == ("", "")
    assert set(SurveyAnswer.objects.values_list("answer", flat=True)) == {None}


def test_refusals_look_the_same_whatever_the_reason(world, client):
    expired, expired_code = one_code(world)
    SurveyBatch.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    withdrawn, withdrawn_code = one_code(world)
    SurveyBatch.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    _, used_code = one_code(world)
    start(client, used_code)
    client.cookies.clear()  # someone else, with the same slip
    mains = set()
    for code in (expired_code, withdrawn_code, used_code, "not-a-real-code-at-all"):
        RefusedLink.objects.all().delete()  # stay under the lockout, tested below
        for response in (client.get(reverse("voice-survey-start", args=[code])),
                         start(client, code),
                         client.post(reverse("voice-survey-enter"), {"code": code})):
            assert response.status_code == 404
            check_page(response)
            # The page's main part is identical (the head differs only by its CSP nonce).
            mains.add(response.content.decode().split("<main")[1].split("</main>")[0])
    assert len(mains) == 1 and REFUSED in mains.pop()
    expired.refresh_from_db()
    assert expired.refused_tries == 3  # shown to the worker: a slip may have been passed on
    assert AuditEvent.objects.filter(action="denied", changes__survey_code="expired",
                                     object_type="SurveyBatch").exists()


def test_too_many_refused_codes_lock_the_address_out(world, client):
    _, code = one_code(world)
    for _ in range(links.MAX_REFUSED):
        client.get(reverse("voice-survey-start", args=["wrong-code"]))
    # Even a good code waits now: no lookups are made for a locked-out address.
    locked = client.get(reverse("voice-survey-start", args=[code]))
    assert locked.status_code == 429 and "Too many tries" in locked.content.decode()
    typed = client.post(reverse("voice-survey-enter"), {"code": code})
    assert typed.status_code == 429


def test_the_questions_page_needs_a_started_code_in_this_browser(world, client):
    response = client.get(reverse("voice-survey-questions"))
    assert response.status_code == 404 and REFUSED in response.content.decode()


def test_the_time_to_answer_runs_out(world, client):
    _, code = one_code(world)
    start(client, code)
    session = client.session
    held = session[links.SESSION_KEY]
    held["started"] = (timezone.now() - links.ANSWER_WINDOW - timedelta(minutes=1)).isoformat()
    session[links.SESSION_KEY] = held
    session.save()
    assert client.get(reverse("voice-survey-questions")).status_code == 404


def test_withdrawing_a_batch_stops_a_survey_under_way(world, client):
    made, code = one_code(world)
    start(client, code)
    SurveyBatch.objects.filter(pk=made.pk).update(withdrawn_at=timezone.now())
    assert client.post(reverse("voice-survey-questions"), {}).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_survey_pages_show_nothing_about_anyone(world, client):
    _, code = one_code(world)
    pages = [client.get(reverse("voice-survey-enter")),
             client.get(reverse("voice-survey-start", args=[code]))]
    start(client, code)
    pages.append(client.get(reverse("voice-survey-questions")))
    pages.append(client.get(reverse("voice-survey-about")))
    client.post(reverse("voice-survey-questions"), {})
    pages.append(client.get(reverse("voice-survey-thanks")))
    child = world.children["own"]
    for page in pages:
        assert page.status_code == 200
        # The CSP nonce is random text that can hold any short name ("...kSw=="): drop it.
        html = re.sub(r'nonce="[^"]*"', "", page.content.decode())
        for identifier in (child.given_name, child.family_name, child.child_id, "Team A1",
                           world.users["sw"].first_name):
            assert not re.search(rf"\b{re.escape(identifier)}\b", html), identifier


def test_an_answer_the_question_does_not_offer_is_refused(world, client):
    _, code = one_code(world, band="4-7")
    start(client, code)
    response = client.post(reverse("voice-survey-questions"), {"young_safe": "always"})
    assert response.status_code == 200 and not SurveyResponse.objects.exists()
    assert "Some answers could not be read" in response.content.decode()
    check_page(response)


def test_a_batch_is_withdrawn_only_by_those_who_may_see_it(world, login, client):
    made, code = one_code(world)
    url = reverse("voice-batch-withdraw", args=[made.pk])
    assert login(world.users["outsider"]).post(url).status_code == 404
    assert login(world.users["sw_other"]).post(url).status_code == 404
    # The maker's team manager may.
    assert login(world.users["manager"]).post(url).status_code == 302
    made.refresh_from_db()
    assert made.state() == "withdrawn"
    client.logout()
    assert client.get(reverse("voice-survey-start", args=[code])).status_code == 404


def test_the_batch_list_shows_codes_used_not_who_used_them(world, login, client):
    made, codes = batch(world, size=3)
    start(client, codes[0])
    client.post(reverse("voice-survey-questions"), {"safe_home": "yes"})
    page = login(world.users["sw"]).get(reverse("voice-batches"))
    assert page.status_code == 200
    check_page(page)
    rows = page.context["rows"]
    assert [(b.pk, b.used, state) for b, state in rows] == [(made.pk, 1, "open")]
    assert "1 of 3" in page.content.decode()
    # Another social worker sees none of it; the administrator sees every batch.
    assert login(world.users["sw_other"]).get(reverse("voice-batches")).context["rows"] == []
    assert len(login(world.users["admin"]).get(reverse("voice-batches")).context["rows"]) == 1
