"""Survey links: made, checked and used up.

The token is 32 random bytes (256 bits, `secrets`), shown once to the person who issues it and
stored only as its SHA-256 hash; a hash is enough because the token is random, not chosen by a
person. A link is refused, always with the same message, when it is unknown, expired, withdrawn,
already opened or answered: the page never says which, so it cannot be used to test links.
Each refusal is counted against the client address; too many in a short time and that address
is turned away for a while before any lookup is made.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carematters.web.accounts import audit
from carematters.web.voice.models import RefusedLink, SurveyInvitation

MAX_REFUSED = 10  # refused links from one address ...
REFUSED_WINDOW = timedelta(minutes=15)  # ... within this time: that address waits
ANSWER_WINDOW = timedelta(hours=2)  # from opening the link to sending the answers
DEFAULT_DAYS = 14
SESSION_KEY = "voice_invitation"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(*, child, band: str, created_by, days: int = DEFAULT_DAYS) -> tuple[SurveyInvitation, str]:
    """A new invitation and its token (the only time the token exists in clear)."""
    token = secrets.token_urlsafe(32)
    invitation = SurveyInvitation.objects.create(
        authority_id=child.authority_id, child=child, band=band, token_hash=hash_token(token),
        created_by=created_by, expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record("create", child=child, obj=invitation,
                 changes={"band": band, "expires_at": invitation.expires_at.isoformat()})
    return invitation, token


def locked_out(ip: str | None) -> bool:
    since = timezone.now() - REFUSED_WINDOW
    return RefusedLink.objects.filter(ip=ip, at__gte=since).count() >= MAX_REFUSED


def refuse(ip: str | None, invitation: SurveyInvitation | None, reason: str) -> None:
    """Count and audit a refused link. The reason goes to the audit trail, never to the page."""
    RefusedLink.objects.filter(at__lt=timezone.now() - REFUSED_WINDOW).delete()
    RefusedLink.objects.create(ip=ip)
    if invitation is not None:
        SurveyInvitation.objects.filter(pk=invitation.pk).update(
            refused_tries=F("refused_tries") + 1)
    audit.record("denied", obj=invitation, changes={"survey_link": reason},
                 authority_id=invitation.authority_id if invitation else None)


def find(token: str) -> tuple[SurveyInvitation | None, str]:
    """The invitation a token names, and why it may not be opened ("" when it may)."""
    invitation = SurveyInvitation.objects.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        return None, "unknown"
    state = invitation.state()
    return invitation, "" if state == SurveyInvitation.State.WAITING else str(state)


def open_link(invitation: SurveyInvitation) -> bool:
    """Use the link up: True for the one request that opened it (a race loses cleanly)."""
    with transaction.atomic():
        opened = SurveyInvitation.objects.filter(
            pk=invitation.pk, opened_at__isnull=True, answered_at__isnull=True,
            withdrawn_at__isnull=True,
        ).update(opened_at=timezone.now())
    return opened == 1


def in_session(session) -> SurveyInvitation | None:
    """The invitation this browser opened, while it may still be answered."""
    pk = session.get(SESSION_KEY)
    if pk is None:
        return None
    invitation = SurveyInvitation.objects.filter(pk=pk).first()
    if invitation is None or invitation.state() != SurveyInvitation.State.STARTED:
        return None
    if timezone.now() - invitation.opened_at > ANSWER_WINDOW:
        return None
    return invitation
