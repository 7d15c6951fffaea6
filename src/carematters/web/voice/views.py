"""Staff pages: issuing survey links, and the results. Each declares its policy with
`roles(...)`; every row is looked up within the user's own authority, so another authority's
identifiers answer 404."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.children.models import Child
from carematters.web.children.reports import pseudonym
from carematters.web.voice import links
from carematters.web.voice.forms import InvitationForm
from carematters.web.voice.models import SurveyAnswer, SurveyInvitation
from carematters.web.voice.results import results

#: Who hands survey links to children: the child's social worker, or an administrator
#: (for example a participation officer's account) for any child of the authority.
ISSUERS = (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)
#: Who reads the results: always suppressed (docs/voice.md), so the same page for all.
READERS = (Role.TEAM_MANAGER, Role.DIRECTOR, Role.ANALYST, Role.MEMBER)
#: Everyone on staff, for the council's "you said, we did" list.
STAFF = tuple(Role)


def authority_of(request):
    if request.user.authority_id is None:
        raise Http404
    return request.user.authority


def _children(user):
    """The children a user may send a survey link to."""
    mine = Child.objects.filter(authority_id=user.authority_id).exclude(
        status=Child.Status.CLOSED)
    if user.role == Role.ADMINISTRATOR:
        return mine.order_by("child_id")
    return mine.filter(social_worker_id=user.pk)


def _invitations(user):
    found = SurveyInvitation.objects.filter(authority_id=user.authority_id).select_related(
        "child", "created_by")
    if user.role == Role.ADMINISTRATOR:
        return found
    return found.filter(child__social_worker_id=user.pk)


@roles(*STAFF)
def voice_home(request):
    role = request.user.role
    return render(request, "voice/home.html", {
        "can_issue": role in ISSUERS, "can_read": role in READERS})


@roles(*ISSUERS)
def invitation_list(request):
    rows = [(i, i.state()) for i in _invitations(request.user)[:200]]
    return render(request, "voice/invitation_list.html", {
        "rows": rows, "admin": request.user.role == Role.ADMINISTRATOR})


@roles(*ISSUERS)
def invitation_new(request):
    form = InvitationForm(request.POST or None, children=_children(request.user),
                          identifiers_only=request.user.role == Role.ADMINISTRATOR)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation, token = links.issue(child=data["child"], band=data["band"],
                                        created_by=request.user, days=data["days"])
        # Shown on this response only: the token is not stored and no redirect carries it.
        url = request.build_absolute_uri(reverse("voice-survey-start", args=[token]))
        return render(request, "voice/invitation_made.html", {
            "invitation": invitation, "url": url,
            "admin": request.user.role == Role.ADMINISTRATOR})
    return render(request, "voice/invitation_form.html", {"form": form})


@require_POST
@roles(*ISSUERS)
def invitation_withdraw(request, pk: int):
    invitation = get_object_or_404(_invitations(request.user), pk=pk)
    if invitation.state() in (SurveyInvitation.State.WAITING, SurveyInvitation.State.STARTED):
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        audit.record("update", child=invitation.child, obj=invitation,
                     changes={"withdrawn_at": invitation.withdrawn_at.isoformat()})
        messages.success(request, "Link withdrawn: it no longer works")
    return redirect("voice-invitations")


@roles(*READERS)
def results_page(request):
    year = request.GET.get("year", "")
    found = results(authority_of(request), int(year) if year.isdigit() else None)
    audit.record("view", changes={"page": "survey results",
                                  "year": found["year"] if found else None})
    return render(request, "voice/results.html", {
        "found": found, "can_export": request.user.role == Role.ANALYST})


@roles(Role.ANALYST)
def answers_csv(request):
    """Every answer, for the analyst's own work and for `carematters report annual
    --survey-answers`: a keyed pseudonym per response (not the child's, and not linkable to
    it without the key and the database), the band, the month answered, the question and the
    answer. Nothing about the child."""
    rows = SurveyAnswer.objects.filter(response__authority=authority_of(request)).values_list(
        "response_id", "response__answered_on", "response__band", "question", "answer")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["RESPONSE", "ANSWERED_ON", "BAND", "QUESTION", "ANSWER"])
    count = 0
    for response, on, band, question, answer in rows.iterator():
        writer.writerow([pseudonym(f"survey-response:{response}"),
                         on.replace(day=1).isoformat(), band, question, answer or ""])
        count += 1
    audit.record("export", changes={"extract": "survey answers", "rows": count})
    download = HttpResponse(out.getvalue(), content_type="text/csv")
    download["Content-Disposition"] = 'attachment; filename="survey-answers.csv"'
    return download
