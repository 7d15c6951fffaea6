"""The child's pages: open a link, answer, and read what happens to the answers.

Public (no account): the link is the key. These pages show nothing about the child, not even
a first name, so a link seen over a shoulder or forwarded gives nothing away, and they work
without JavaScript on a phone. A refused link always gets the same page, whatever the reason.
"""

from __future__ import annotations

from functools import wraps

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from carematters.voice import SURVEY
from carematters.web.accounts import audit
from carematters.web.accounts.policy import public
from carematters.web.voice import links
from carematters.web.voice.forms import SurveyForm
from carematters.web.voice.models import SurveyAnswer, SurveyInvitation, SurveyResponse


def no_store(view):
    """The child's pages are never kept by a browser or proxy: the next person to use a shared
    device must not find them (the staff pages get this from NoStoreMiddleware)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _refused(request, status: int = 404):
    return render(request, "voice/survey_refused.html", {"locked": status == 429}, status=status)


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


@public
@no_store
def survey_start(request, token: str):
    """GET shows a start page; only the POST from its button uses the link up, so a link
    previewer or mail scanner that fetches the link does not spend it."""
    ip = _ip(request)
    if links.locked_out(ip):
        return _refused(request, 429)
    invitation, reason = links.find(token)
    current = links.in_session(request.session)
    if invitation is not None and current is not None and current.pk == invitation.pk:
        # This browser opened the link and has not finished (the Back button): carry on.
        return redirect("voice-survey-questions")
    if reason:
        links.refuse(ip, invitation, reason)
        return _refused(request)
    if request.method == "POST":
        if not links.open_link(invitation):
            links.refuse(ip, invitation, "opened twice")
            return _refused(request)
        request.session.cycle_key()
        request.session[links.SESSION_KEY] = invitation.pk
        return redirect("voice-survey-questions")
    return render(request, "voice/survey_start.html", {"token": token})


@public
@no_store
def survey_questions(request):
    invitation = links.in_session(request.session)
    if invitation is None:
        return _refused(request)
    form = SurveyForm(request.POST if request.method == "POST" else None, band=invitation.band)
    if request.method == "POST" and form.is_valid():
        _save(invitation, form.answers())
        request.session.pop(links.SESSION_KEY, None)
        return redirect("voice-survey-thanks")
    return render(request, "voice/survey_questions.html", {"form": form})


def _save(invitation: SurveyInvitation, answers: dict[str, str | None]) -> None:
    now = timezone.now()
    with transaction.atomic():
        claimed = SurveyInvitation.objects.filter(
            pk=invitation.pk, answered_at__isnull=True).update(answered_at=now)
        if claimed != 1:
            return
        response = SurveyResponse.objects.create(
            authority_id=invitation.authority_id, invitation=invitation, band=invitation.band,
            instrument=SURVEY.name, instrument_version=SURVEY.version,
            answered_on=timezone.localdate(now))
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question=q, answer=a) for q, a in answers.items())
        # The fact of an answer, not its content: the trail must not become a copy of them.
        audit.record("create", obj=response, authority_id=invitation.authority_id,
                     changes={"band": invitation.band,
                              "answered": sum(a is not None for a in answers.values())})


@public
@no_store
def survey_thanks(request):
    return render(request, "voice/survey_thanks.html")


@public
@no_store
def survey_about(request):
    return render(request, "voice/survey_about.html")
