"""Writing the audit trail: one function, with the request's who and where filled in.

Middleware puts the signed-in user, the client address and a request ID in a context variable;
`record` reads it, so model signals, the importer and views all write the same shape of entry.
Each entry is also logged as one JSON line, for shipping to a separate system (ASVS 16.4.3).
"""

from __future__ import annotations

import json
import logging
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from carematters.web.accounts.models import AuditEvent

log = logging.getLogger("carematters.audit")


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    authority_id: int | None
    ip: str | None = None
    request_id: str = ""
    page: str = ""


SYSTEM = Actor(None, "system", None)
_current: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)


def actor_from_request(request) -> Actor:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return Actor(
        user_id=user.pk if signed_in else None,
        username=user.username if signed_in else "anonymous",
        authority_id=user.authority_id if signed_in else None,
        ip=request.META.get("REMOTE_ADDR"),
        request_id=request.META.get("HTTP_X_REQUEST_ID", "")[:36] or str(uuid.uuid4()),
        page=request.get_full_path()[:300],
    )


@contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> Actor:
    return _current.get()


def record(
    action: str,
    *,
    child=None,
    obj=None,
    changes: dict | None = None,
    authority_id: int | None = None,
) -> AuditEvent:
    actor = current_actor()
    if authority_id is None:
        authority_id = child.authority_id if child is not None else actor.authority_id
    event = AuditEvent.objects.create(
        actor_id=actor.user_id,
        actor=actor.username,
        authority_id=authority_id,
        action=action,
        child_id=child.pk if child is not None else None,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        page=actor.page,
        changes=changes or {},
        ip=actor.ip,
        request_id=actor.request_id,
    )
    log.info(json.dumps({
        "at": event.at.isoformat(), "actor": event.actor, "action": action,
        "child": str(event.child_id or ""), "object": f"{event.object_type}:{event.object_id}",
        "ip": event.ip, "request_id": event.request_id,
    }))
    return event
