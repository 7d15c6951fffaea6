"""Staff pages: batches of survey codes, and the results. Each declares its policy with
`roles(...)`; every row is looked up within the user's own authority, so another authority's
identifiers answer 404."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from carematters.voice import ANSWER_SCHEMA
from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.children.reports import pseudonym
from carematters.web.voice import links
from carematters.web.voice.forms import BatchForm
from carematters.web.voice.models import CouncilPoint, SurveyAnswer, SurveyBatch
from carematters.web.voice.results import for_children, results

#: Columns after the engine's: what the child chose to say about themselves (empty: not said).
EXTRA_COLUMNS = ["GENDER", "PLACEMENT"]

#: Who makes batches of survey codes and hands the slips out: social workers, team managers and
#: administrators (for example a participation officer's account). Codes name no child, so no
#: child's record is needed to make them.
ISSUERS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR)
#: Who reads the results: always suppressed (docs/voice.md), so the same page for all.
READERS = (Role.TEAM_MANAGER, Role.DIRECTOR, Role.ANALYST, Role.MEMBER)
#: Everyone on staff, for the council's "you said, we did" list.
STAFF = tuple(Role)


def authority_of(request):
    if request.user.authority_id is None:
        raise Http404
    return request.user.authority


def _batches(user):
    """The batches a user may see and withdraw: their own; a team manager's team's too; every
    batch of the authority for an administrator."""
    found = SurveyBatch.objects.filter(authority_id=user.authority_id).select_related(
        "created_by", "team").annotate(used=Count("codes", filter=Q(codes__used_on__isnull=False)))
    if user.role == Role.ADMINISTRATOR:
        return found
    if user.role == Role.TEAM_MANAGER and user.team_id is not None:
        return found.filter(Q(created_by=user) | Q(created_by__team_id=user.team_id)
                            | Q(team_id=user.team_id))
    return found.filter(created_by=user)


@roles(*STAFF)
def voice_home(request):
    role = request.user.role
    return render(request, "voice/home.html", {
        "can_issue": role in ISSUERS, "can_read": role in READERS})


@roles(*ISSUERS)
def batch_list(request):
    rows = [(b, b.state()) for b in _batches(request.user)[:200]]
    return render(request, "voice/batch_list.html", {"rows": rows})


@roles(*ISSUERS)
def batch_new(request):
    authority = authority_of(request)
    form = BatchForm(request.POST or None, authority=authority,
                     initial={"team": request.user.team_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch, codes = links.make_batch(
            authority=authority, band=data["band"], size=data["size"], team=data["team"],
            created_by=request.user, days=data["days"])
        # Shown on this response only: the codes are not stored and no redirect carries them.
        enter = request.build_absolute_uri(reverse("voice-survey-enter"))
        slips = [{"code": code, "url": request.build_absolute_uri(
            reverse("voice-survey-start", args=[code]))} for code in codes]
        return render(request, "voice/batch_slips.html", {
            "batch": batch, "slips": slips, "enter": enter})
    return render(request, "voice/batch_form.html", {"form": form})


@require_POST
@roles(*ISSUERS)
def batch_withdraw(request, pk: int):
    batch = get_object_or_404(_batches(request.user), pk=pk)
    if batch.state() == SurveyBatch.State.OPEN:
        batch.withdrawn_at = timezone.now()
        batch.save(update_fields=["withdrawn_at"])
        audit.record("update", obj=batch,
                     changes={"withdrawn_at": batch.withdrawn_at.isoformat()})
        messages.success(request, "Batch withdrawn: its unused codes no longer work")
    return redirect("voice-batches")


@roles(*READERS)
def results_page(request):
    year = request.GET.get("year", "")
    found = results(authority_of(request), int(year) if year.isdigit() else None)
    audit.record("view", changes={"page": "survey results",
                                  "year": found["year"] if found else None})
    return render(request, "voice/results.html", {
        "found": found, "can_export": request.user.role == Role.ANALYST})


@roles(*READERS, *ISSUERS)
def results_for_children(request):
    """The results in children's words, by band, to print or share with children: the same
    suppressed figures as the results page, and the council's latest "you said, we did"."""
    authority = authority_of(request)
    year = request.GET.get("year", "")
    found = for_children(authority, int(year) if year.isdigit() else None)
    done = CouncilPoint.objects.filter(authority=authority, status=CouncilPoint.Status.DONE,
                                       ).exclude(answer="").order_by("-answered_on", "-pk")[:5]
    audit.record("view", changes={"page": "survey results for children",
                                  "year": found["year"] if found else None})
    return render(request, "voice/results_children.html", {"found": found, "done": done})


@roles(Role.ANALYST)
def answers_csv(request):
    """Every answer, for the analyst's own work and for `carematters report annual
    --survey-answers`: a keyed pseudonym per response (an answer set, not a child), the band,
    the month answered, the question and the answer, and what the child chose to say about
    themselves. Nothing about the child, and nothing that leads to a code."""
    rows = SurveyAnswer.objects.filter(response__authority=authority_of(request)).values_list(
        "response_id", "response__answered_month", "response__band", "question", "answer",
        "response__gender", "response__placement")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*ANSWER_SCHEMA, *EXTRA_COLUMNS])
    count = 0
    for response, month, band, question, answer, gender, placement in rows.iterator():
        writer.writerow([pseudonym(f"survey-response:{response}"), month.isoformat(), band,
                         question, answer or "", gender, placement])
        count += 1
    audit.record("export", changes={"extract": "survey answers", "rows": count})
    download = HttpResponse(out.getvalue(), content_type="text/csv")
    download["Content-Disposition"] = 'attachment; filename="survey-answers.csv"'
    return download
