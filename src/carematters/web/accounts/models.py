"""Authorities, teams, users with one role each, and the append-only audit trail."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Authority(models.Model):
    """A local authority. Every child-level row belongs to exactly one (ASVS 8.4.1)."""

    code = models.CharField(max_length=10, unique=True, help_text="DfE LA code, e.g. 999")
    name = models.CharField(max_length=200)
    child_population = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="Children under 18 living in the authority (ONS mid-year estimate), for the "
                  "rate of children looked after per 10,000",
    )

    class Meta:
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        unique_together = [("authority", "name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    IRO = "iro", "Independent reviewing officer"
    EDUCATION = "education", "Virtual school head or designated teacher"
    HEALTH = "health", "Looked-after children's nurse"
    ANALYST = "analyst", "Performance analyst"
    DIRECTOR = "director", "Director of children's services"
    MEMBER = "member", "Elected member"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, related_name="members", null=True, blank=True
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SOCIAL_WORKER)
    sw_id = models.CharField(
        "Social Work England number", max_length=20, blank=True,
        help_text="SW followed by digits; used for the SWEpisodes table",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """One line of the audit trail: who did what to which record, when and from where.

    Append-only: a database trigger (migration 0002) refuses UPDATE and DELETE on SQLite and
    PostgreSQL, so no role, the administrator included, can rewrite history (ASVS 16.4.2).
    The child and actor are stored as plain values, not foreign keys, so that removing a user or a
    record can never cascade into the trail.
    """

    class Action(models.TextChoices):
        VIEW = "view"
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"
        EXPORT = "export"
        IMPORT = "import"
        DENIED = "denied"
        LOGIN = "login"
        LOGOUT = "logout"
        LOGIN_FAILED = "login_failed"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor = models.CharField(max_length=150, help_text="username at the time, or 'system'")
    authority_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    child_id = models.UUIDField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    page = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=36, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}"
