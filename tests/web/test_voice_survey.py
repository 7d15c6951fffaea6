"""Survey links: made by the child's social worker or an administrator, single-use, expiring,
stored as a hash, refused with one message whatever the reason, and pages that name nobody."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from carematters.web.accounts.models import AuditEvent
from carematters.web.voice import links
from carematters.web.voice.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from tests.web.pages import check_page

REFUSED = "This link does not work"


def issue(world, child="own", **kwargs):
    return links.issue(child=world.children[child], band=kwargs.pop("band", "11-17"),
                       created_by=world.users["sw"], **kwargs)


def start(client, token):
    return client.post(reverse("voice-survey-start", args=[token]))


def test_the_social_worker_makes_a_link_shown_once_and_stored_as_a_hash(world, login):
    client = login(world.users["sw"])
    response = client.post(reverse("voice-invitation-new"),
                           {"child": world.children["own"].pk, "band": "", "days": 14})
    assert response.status_code == 200
    check_page(response)
    invitation = SurveyInvitation.objects.get()
    # Born May 2012: the 11-17 version by age.
    assert invitation.band == "11-17" and invitation.created_by == world.users["sw"]
    url = response.context["url"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert invitation.token_hash == links.hash_token(token) and token not in invitation.token_hash
    assert not AuditEvent.objects.filter(changes__icontains=token).exists()
    assert AuditEvent.objects.filter(action="create", child_id=world.children["own"].pk,
                                     object_type="SurveyInvitation").exists()


def test_a_social_worker_may_only_send_links_to_their_own_children(world, login):
    client = login(world.users["sw"])
    response = client.post(reverse("voice-invitation-new"),
                           {"child": world.children["other"].pk, "band": "8-11", "days": 14})
    assert response.status_code == 200 and not SurveyInvitation.objects.exists()
    assert "child" in response.context["form"].errors


def test_an_administrator_chooses_children_by_identifier_only(world, login):
    response = login(world.users["admin"]).get(reverse("voice-invitation-new"))
    html = response.content.decode()
    assert "OWN" in html and "OTHER" in html and "FOREIGN" not in html
    assert "Own Test" not in html and "Other Test" not in html
    check_page(response)


@pytest.mark.parametrize("persona", ["manager", "member", "director", "iro", "outsider"])
def test_only_issuers_of_the_authority_reach_the_link_pages(world, login, persona):
    client = login(world.users[persona])
    status = client.get(reverse("voice-invitation-new")).status_code
    if persona == "outsider":
        # Another authority's social worker: the page opens, but lists none of A's children.
        html = client.get(reverse("voice-invitation-new")).content.decode()
        assert status == 200 and "OWN" not in html
    else:
        assert status == 404


def test_a_link_works_once(world, client):
    _, token = issue(world)
    page = client.get(reverse("voice-survey-start", args=[token]))
    assert page.status_code == 200
    check_page(page)
    assert start(client, token).url == reverse("voice-survey-questions")
    # Opened: the link now gets the refusal in any other browser.
    client.cookies.clear()
    again = client.get(reverse("voice-survey-start", args=[token]))
    assert again.status_code == 404 and REFUSED in again.content.decode()


def test_going_back_to_the_link_mid_survey_carries_on_in_the_same_browser(world, client):
    _, token = issue(world)
    start(client, token)
    back = client.get(reverse("voice-survey-start", args=[token]))
    assert back.url == reverse("voice-survey-questions")
    # Another browser with the same link is refused.
    client.cookies.clear()
    assert client.get(reverse("voice-survey-start", args=[token])).status_code == 404


def test_answers_are_stored_and_the_link_is_spent(world, client):
    invitation, token = issue(world)
    start(client, token)
    questions = client.get(reverse("voice-survey-questions"))
    assert questions.status_code == 200
    check_page(questions)
    sent = client.post(reverse("voice-survey-questions"),
                       {"safe_home": "yes", "bullied": "hardly", "hobby": "sometimes"})
    assert sent.url == reverse("voice-survey-thanks")
    response = SurveyResponse.objects.get()
    assert response.invitation == invitation and response.band == "11-17"
    given = dict(SurveyAnswer.objects.values_list("question", "answer"))
    # Every question of the band is stored; the ones left out as skipped (None).
    assert given["safe_home"] == "yes" and given["bullied"] == "hardly"
    assert given["happy_life"] is None and "young_safe" not in given
    invitation.refresh_from_db()
    assert invitation.state() == "answered"
    # Sending again, or opening the link again, is refused and stores nothing more.
    assert REFUSED in client.post(reverse("voice-survey-questions"),
                                  {"safe_home": "no"}).content.decode()
    assert start(client, token).status_code == 404
    assert SurveyResponse.objects.count() == 1
    event = AuditEvent.objects.get(object_type="SurveyResponse")
    assert event.child_id is None and "yes" not in str(event.changes)


def test_refusals_look_the_same_whatever_the_reason(world, client):
    expired, expired_token = issue(world)
    SurveyInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    withdrawn, withdrawn_token = issue(world)
    SurveyInvitation.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    _, used_token = issue(world)
    start(client, used_token)
    client.cookies.clear()  # someone else, with the same link
    mains = set()
    for token in (expired_token, withdrawn_token, used_token, "not-a-real-token-at-all"):
        for response in (client.get(reverse("voice-survey-start", args=[token])),
                         start(client, token)):
            assert response.status_code == 404
            check_page(response)
            # The page's main part is identical (the head differs only by its CSP nonce).
            mains.add(response.content.decode().split("<main")[1].split("</main>")[0])
    assert len(mains) == 1 and REFUSED in mains.pop()
    expired.refresh_from_db()
    assert expired.refused_tries == 2  # shown to the worker: the link may have been passed on
    assert AuditEvent.objects.filter(action="denied", changes__survey_link="expired").exists()


def test_too_many_refused_links_lock_the_address_out(world, client):
    _, token = issue(world)
    for _ in range(links.MAX_REFUSED):
        client.get(reverse("voice-survey-start", args=["wrong-token"]))
    # Even a good link waits now: no lookups are made for a locked-out address.
    locked = client.get(reverse("voice-survey-start", args=[token]))
    assert locked.status_code == 429 and "Too many tries" in locked.content.decode()


def test_the_questions_page_needs_an_opened_link_in_this_browser(world, client):
    response = client.get(reverse("voice-survey-questions"))
    assert response.status_code == 404 and REFUSED in response.content.decode()


def test_the_time_to_answer_runs_out(world, client):
    invitation, token = issue(world)
    start(client, token)
    SurveyInvitation.objects.filter(pk=invitation.pk).update(
        opened_at=timezone.now() - links.ANSWER_WINDOW - timedelta(minutes=1))
    assert client.get(reverse("voice-survey-questions")).status_code == 404


def test_survey_pages_show_nothing_about_the_child(world, client):
    child = world.children["own"]
    _, token = issue(world)
    pages = [client.get(reverse("voice-survey-start", args=[token]))]
    start(client, token)
    pages.append(client.get(reverse("voice-survey-questions")))
    pages.append(client.get(reverse("voice-survey-about")))
    client.post(reverse("voice-survey-questions"), {})
    pages.append(client.get(reverse("voice-survey-thanks")))
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        for identifier in (child.given_name, child.family_name, child.child_id, str(child.pk),
                           child.dob.strftime("%d/%m/%Y"), str(child.dob), "Team A1",
                           world.users["sw"].first_name):
            assert identifier not in html, identifier


def test_every_question_can_be_skipped(world, client):
    _, token = issue(world, band="4-7")
    start(client, token)
    assert client.post(reverse("voice-survey-questions"), {}).status_code == 302
    assert set(SurveyAnswer.objects.values_list("answer", flat=True)) == {None}


def test_an_answer_the_question_does_not_offer_is_refused(world, client):
    _, token = issue(world, band="4-7")
    start(client, token)
    response = client.post(reverse("voice-survey-questions"), {"young_safe": "always"})
    assert response.status_code == 200 and not SurveyResponse.objects.exists()
    assert "Some answers could not be read" in response.content.decode()
    check_page(response)


def test_a_withdrawn_link_stops_working_and_only_its_issuers_can_withdraw(world, login, client):
    invitation, token = issue(world)
    url = reverse("voice-invitation-withdraw", args=[invitation.pk])
    assert login(world.users["outsider"]).post(url).status_code == 404
    assert login(world.users["sw_other"]).post(url).status_code == 404
    assert login(world.users["sw"]).post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state() == "withdrawn"
    client.logout()
    assert client.get(reverse("voice-survey-start", args=[token])).status_code == 404


def test_the_link_list_shows_states_not_answers(world, login):
    _, token = issue(world)
    response = login(world.users["sw"]).get(reverse("voice-invitations"))
    assert response.status_code == 200
    check_page(response)
    assert "Not opened yet" in response.content.decode()
    assert login(world.users["sw_other"]).get(reverse("voice-invitations")).context["rows"] == []
