"""Sign-in, sign-out and failed sign-in are audit events too (ASVS 16.3.1)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from carematters.web.accounts import audit


@receiver(user_logged_in, dispatch_uid="audit-login")
def _logged_in(sender, request, user, **kwargs) -> None:
    actor = audit.actor_from_request(request)
    actor = audit.Actor(user.pk, user.username, user.authority_id, actor.ip, actor.request_id, actor.page)
    with audit.acting_as(actor):
        audit.record("login")


@receiver(user_logged_out, dispatch_uid="audit-logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record("logout", authority_id=user.authority_id)


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The username tried is kept; the password never is (Django already masks it).
    audit.record("login_failed", changes={"username": str(credentials.get("username", ""))[:150]})
