"""The Children in Care Council: its meetings, the points children raise, and the answer each
point is owed ("you said, we did"). Points are written in the council's words and never name a
child, so every staff role and elected members may read them."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.voice.forms import AnswerForm, MeetingForm, PointForm
from carematters.web.voice.models import CouncilMeeting, CouncilPoint
from carematters.web.voice.views import STAFF, authority_of

#: Who records meetings and points: participation work sits with managers and administrators.
EDITORS = (Role.ADMINISTRATOR, Role.DIRECTOR, Role.TEAM_MANAGER)


def _may_answer(user, point: CouncilPoint) -> bool:
    return user.role in EDITORS or point.owner_id == user.pk


def _saved(obj, created: bool, fields) -> None:
    # Free text is recorded as "changed" without its content, as for the child's record.
    audit.record("create" if created else "update", obj=obj, authority_id=obj.authority_id,
                 changes={name: "changed" for name in fields})


@roles(*STAFF)
def council_home(request):
    authority = authority_of(request)
    points = CouncilPoint.objects.filter(authority=authority).select_related("owner", "meeting")
    today = date.today()
    return render(request, "voice/council.html", {
        "meetings": CouncilMeeting.objects.filter(authority=authority)[:50],
        "waiting": [(p, p.is_overdue(today)) for p in points
                    if p.status in CouncilPoint.OPEN_STATUSES],
        "done": [p for p in points.order_by("-answered_on", "-pk")
                 if p.status not in CouncilPoint.OPEN_STATUSES],
        "can_edit": request.user.role in EDITORS,
    })


@roles(*EDITORS)
def meeting_new(request):
    authority = authority_of(request)
    form = MeetingForm(request.POST or None,
                       instance=CouncilMeeting(authority=authority, created_by=request.user))
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        _saved(meeting, True, form.changed_data)
        messages.success(request, "Meeting added")
        return redirect("voice-council-meeting", meeting.pk)
    return render(request, "voice/meeting_form.html", {"form": form})


@roles(*STAFF)
def meeting_page(request, pk: int):
    authority = authority_of(request)
    meeting = get_object_or_404(CouncilMeeting, pk=pk, authority=authority)
    can_edit = request.user.role in EDITORS
    form = PointForm(request.POST or None, authority=authority,
                     instance=CouncilPoint(meeting=meeting, authority=authority))
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            point = form.save()
            _saved(point, True, form.changed_data)
            messages.success(request, "Point added")
            return redirect("voice-council-meeting", meeting.pk)
    today = date.today()
    return render(request, "voice/meeting.html", {
        "meeting": meeting, "form": form if can_edit else None,
        "points": [(p, p.is_overdue(today), _may_answer(request.user, p))
                   for p in meeting.points.select_related("owner")],
    })


@roles(*STAFF)
def point_answer(request, pk: int):
    point = get_object_or_404(CouncilPoint.objects.select_related("meeting", "owner"), pk=pk,
                              authority=authority_of(request))
    if not _may_answer(request.user, point):
        audit.record("denied", obj=point, changes={"council_point": "not owner or editor"})
        raise Http404
    form = AnswerForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        form.save()
        _saved(point, False, form.changed_data)
        messages.success(request, "Answer saved")
        return redirect("voice-council-meeting", point.meeting_id)
    return render(request, "voice/point_form.html", {"form": form, "point": point})
