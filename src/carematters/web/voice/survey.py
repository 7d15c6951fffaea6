"""The child's pages: type a code (or open the link on the slip), answer, and read what happens
to the answers.

Public (no account): the code is the key. These pages know nothing about the child, and they
work without JavaScript on a phone. A refused code always gets the same page, whatever the
reason.
"""

from __future__ import annotations

from functools import wraps

from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from carematters.data.years import collection_year_of
from carematters.voice import SURVEY
from carematters.web.accounts import audit
from carematters.web.accounts.policy import public
from carematters.web.voice import links
from carematters.web.voice.forms import CodeForm, SurveyForm
from carematters.web.voice.models import SurveyAnswer, SurveyResponse


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


def _start(request, code: str, action: str):
    """The start page for `code`, or Start pressed. GET (or a typed code) shows the start page;
    only the POST from its button spends the code, so a link previewer or mail scanner that
    fetches the link does not."""
    ip = _ip(request)
    if links.locked_out(ip):
        return _refused(request, 429)
    found, reason = links.find(code)
    current = links.in_session(request.session)
    if found is not None and current is not None and current.code_hash == found.code_hash:
        # This browser started with this code and has not finished (the Back button): carry on.
        return redirect("voice-survey-questions")
    if reason:
        links.refuse(ip, found, reason)
        return _refused(request)
    if request.method == "POST" and "start" in request.POST:
        if not links.use(found, request.session):
            links.refuse(ip, found, "used twice")
            return _refused(request)
        return redirect("voice-survey-questions")
    return render(request, "voice/survey_start.html", {"action": action, "code": code})


@public
@no_store
def survey_start(request, token: str):
    """The link printed on a slip, with the code in it."""
    return _start(request, token, reverse("voice-survey-start", args=[token]))


@public
@no_store
def survey_enter(request):
    """Type the code from a slip. The code is sent in the form, never in the address, so it
    does not end up in server logs or the browser's history."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _start(request, form.cleaned_data["code"], reverse("voice-survey-enter"))
    return render(request, "voice/survey_enter.html", {"form": form})


@public
@no_store
def survey_questions(request):
    started = links.in_session(request.session)
    if started is None:
        return _refused(request)
    form = SurveyForm(request.POST if request.method == "POST" else None, band=started.band)
    if request.method == "POST" and form.is_valid():
        _save(started, form.answers(), form.about())
        links.finish(request.session)
        return redirect("voice-survey-thanks")
    return render(request, "voice/survey_questions.html", {"form": form})


def _save(started: links.Started, answers: dict[str, str | None], about: dict[str, str]) -> None:
    """One answer set, from what the session holds: nothing here names the code or its batch."""
    today = timezone.localdate()
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                authority_id=started.authority_id, band=started.band, instrument=SURVEY.name,
                instrument_version=SURVEY.version, collection_year=collection_year_of(today),
                answered_month=today.replace(day=1), submission=started.submission, **about)
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(response=response, question=q, answer=a) for q, a in answers.items())
    except IntegrityError:
        return  # sent twice from the same browser (the submission key is unique): one counts
    # The fact of an answer, not its content, nor which one: the trail must not become a copy
    # of the answers, nor a timestamp that lines one up with a code.
    audit.record("create", authority_id=started.authority_id,
                 changes={"survey": "answered", "band": started.band})


@public
@no_store
def survey_thanks(request):
    return render(request, "voice/survey_thanks.html")


@public
@no_store
def survey_about(request):
    return render(request, "voice/survey_about.html")
