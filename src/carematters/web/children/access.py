"""The one access helper every child view uses, and the list filter that agrees with it."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.children.rules import SECTIONS


def visible_children_q(user) -> Q:
    """The children `user` has a relationship with, as a filter (same policy as rules.py)."""
    if not user.is_authenticated or user.authority_id is None:
        return Q(pk__in=[])
    mine = Q(authority_id=user.authority_id)
    if user.role == Role.SOCIAL_WORKER:
        return mine & Q(social_worker_id=user.pk)
    if user.role == Role.TEAM_MANAGER and user.team_id is not None:
        return mine & Q(team_id=user.team_id)
    if user.role == Role.IRO:
        return mine & Q(iro_id=user.pk)
    if user.role in (Role.EDUCATION, Role.HEALTH):
        return mine & Q(status="looked_after")
    return Q(pk__in=[])


def get_child_for(request, child_pk, section: str = "identity", *, edit: bool = False):
    """The child, if this user may see (or change) `section` of its record; 404 otherwise.

    404 rather than 403 so that an outsider cannot learn that a record exists (ASVS 8.2.2). A
    refused attempt is audited (ASVS 16.3.3); a permitted read is audited as a view.
    """
    from carematters.web.children.models import Child

    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}")
    child = (Child.objects.filter(pk=child_pk)
             .select_related("authority", "social_worker", "iro", "team").first())
    perm = f"children.{'change' if edit else 'view'}_{section}"
    if child is None or not request.user.has_perm(perm, child):
        audit.record(
            "denied", changes={"section": section, "edit": edit, "child": str(child_pk)},
            authority_id=request.user.authority_id,
        )
        raise Http404("No such child")
    if request.method == "GET":
        audit.record("view", child=child, changes={"section": section})
    return child


def sections_for(user, child) -> dict[str, bool]:
    """Which sections of this child's record the user may open."""
    return {section: user.has_perm(f"children.view_{section}", child) for section in SECTIONS}
