"""Survey codes and answers, and the Children in Care Council's points.

Anonymous by construction (docs/voice.md, web.md §2.3). A member of staff makes a **batch** of
single-use codes for an age band and hands the printed slips out; the system never learns which
child got which code. A code row keeps only a hash of the code, the batch it belongs to and the
day it was used. An answer set keeps the authority, band, instrument version, month and
collection year, and what the child chose to say about themselves, and nothing pointing at a
code, a batch or a child: no query can join an answer back to the slip it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from carematters.voice import AREAS, BANDS
from carematters.web.accounts.models import Authority, Team

USER = settings.AUTH_USER_MODEL
BAND_CHOICES = list(BANDS.items())


class SurveyBatch(models.Model):
    """Codes made together for one band: who made them, when, until when. No child."""

    class State(models.TextChoices):
        OPEN = "open", "Codes work"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    band = models.CharField(max_length=10, choices=BAND_CHOICES)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", help_text="Context for the maker's list only")
    size = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Tries with one of its codes after it stopped working: a sign a slip was passed on.
    refused_tries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Survey code batch {self.pk}"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.withdrawn_at:
            return self.State.WITHDRAWN
        if now >= self.expires_at:
            return self.State.EXPIRED
        return self.State.OPEN

    def get_state_display(self) -> str:
        return self.State(self.state()).label


class SurveyCode(models.Model):
    """One slip's code: its hash and whether it has been used. Used on a day, not at a time,
    so the moment a code was spent cannot be lined up with the moment answers arrived."""

    batch = models.ForeignKey(SurveyBatch, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    used_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Survey code {self.pk}"


class SurveyResponse(models.Model):
    """One completed survey: never linked to a code, a batch or a child."""

    class Gender(models.TextChoices):
        GIRL = "girl", "A girl or young woman"
        BOY = "boy", "A boy or young man"
        OTHER = "other", "I describe myself another way"
        UNSAID = "unsaid", "I'd prefer not to say"

    class Placement(models.TextChoices):
        FOSTER = "foster", "With a foster family"
        FAMILY = "family", "With relatives or family friends"
        HOME = "home", "In a children's home"
        OWN = "own", "On my own or in supported accommodation"
        OTHER = "other", "Somewhere else"
        UNSAID = "unsaid", "I'd prefer not to say"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    band = models.CharField(max_length=10, choices=BAND_CHOICES)
    instrument = models.CharField(max_length=40)
    instrument_version = models.PositiveSmallIntegerField()
    collection_year = models.PositiveSmallIntegerField(help_text="The year ending 31 March")
    answered_month = models.DateField(help_text="The first day of the month answered")
    # What the child chose to tell us about themselves: empty when the question was skipped.
    gender = models.CharField(max_length=10, blank=True, choices=Gender.choices)
    placement = models.CharField(max_length=10, blank=True, choices=Placement.choices)
    # Random, made when Start was pressed and held by that browser only: sending the answers
    # twice stores them once. Not derived from the code.
    submission = models.CharField(max_length=64, unique=True, editable=False)

    def __str__(self) -> str:
        return f"Survey response {self.pk}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=20, null=True, blank=True, help_text="empty: skipped")

    class Meta:
        unique_together = [("response", "question")]


class RefusedLink(models.Model):
    """A survey code that did not work, by client address: too many in a short time and the
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
