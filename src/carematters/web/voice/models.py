"""Survey invitations and answers, and the Children in Care Council's points.

A survey link is a secret handed to one child. Only a hash of its token is stored, so nobody
who reads the database (staff, administrators, a backup) can rebuild a working link. Answers hang
off the invitation, so the authority can analyse them (by band, over years) and remove them on
request; no page shows one child's answers to anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from carematters.voice import AREAS, BANDS
from carematters.web.accounts.models import Authority
from carematters.web.children.models import Child

USER = settings.AUTH_USER_MODEL
BAND_CHOICES = list(BANDS.items())


class SurveyInvitation(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "Not opened yet"
        STARTED = "started", "Opened, not answered"
        ANSWERED = "answered", "Answered"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="survey_invitations")
    band = models.CharField(max_length=10, choices=BAND_CHOICES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Tries with this link after it stopped working: a sign it has been passed on.
    refused_tries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Survey invitation {self.pk}"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.answered_at:
            return self.State.ANSWERED
        if self.withdrawn_at:
            return self.State.WITHDRAWN
        if now >= self.expires_at:
            return self.State.EXPIRED
        return self.State.STARTED if self.opened_at else self.State.WAITING

    def get_state_display(self) -> str:
        return self.State(self.state()).label


class SurveyResponse(models.Model):
    """One completed survey. Linked to the child only through its invitation."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.PROTECT,
                                      related_name="response")
    band = models.CharField(max_length=10, choices=BAND_CHOICES)
    instrument = models.CharField(max_length=40)
    instrument_version = models.PositiveSmallIntegerField()
    answered_on = models.DateField()

    def __str__(self) -> str:
        return f"Survey response {self.pk}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=20, null=True, blank=True, help_text="empty: skipped")

    class Meta:
        unique_together = [("response", "question")]


class RefusedLink(models.Model):
    """A survey link that did not work, by client address: too many in a short time and the
    address is refused for a while (anti-automation, ASVS 2.4.1 and 6.3.1)."""

    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class CouncilMeeting(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("date of the meeting")
    title = models.CharField(max_length=200, help_text="For example: Spring meeting")
    notes = models.TextField(blank=True, help_text="Who came (in numbers), what was discussed. "
                             "Do not name children.")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CouncilPoint(models.Model):
    """Something the council raised, and the answer it is owed: "you said, we did"."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        IN_PROGRESS = "in_progress", "Being worked on"
        DONE = "done", "Done"
        NOT_POSSIBLE = "not_possible", "Could not be done (we explained why)"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="points")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    raised = models.TextField("what the children said", help_text="In the council's words. "
                              "Do not name children.")
    area = models.CharField("care-monitor area", max_length=20, blank=True,
                            choices=[("", "None of these"), *AREAS.items()])
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="council_points",
                              help_text="Who owes the council an answer")
    due_on = models.DateField("answer due by")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField("what we did", blank=True)
    answered_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Council point {self.pk}"

    def is_overdue(self, today) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_on < today
