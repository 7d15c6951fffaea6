"""Survey codes: made in batches, checked, and used up.

A code is 16 characters from Crockford's base-32 alphabet (80 bits from `secrets`), printed in
four groups on a slip the trusted adult hands out; only its SHA-256 hash is stored, which is
enough because the code is random, not chosen by a person. Typing is forgiving: case, spaces
and dashes do not matter, and O, I and L read as 0, 1 and 1.

A code is refused, always with the same message, when it is unknown, expired, withdrawn or
already used: the page never says which, so it cannot be used to test codes. Each refusal is
counted against the client address; too many in a short time and that address is turned away
for a while before any lookup is made.

Once Start is pressed the code is spent (its row gets the day, nothing else), and the browser's
session holds what the answers need: the authority, the band and a random submission key. The
answers are saved from the session, so nothing written with them points back at the code.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carematters.web.accounts import audit
from carematters.web.voice.models import RefusedLink, SurveyBatch, SurveyCode

MAX_REFUSED = 10  # refused codes from one address ...
REFUSED_WINDOW = timedelta(minutes=15)  # ... within this time: that address waits
ANSWER_WINDOW = timedelta(hours=2)  # from pressing Start to sending the answers
DEFAULT_DAYS = 28
MAX_BATCH = 200
SESSION_KEY = "voice_survey"

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 16
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise(code: str) -> str:
    """The code as stored: upper case, separators dropped, look-alike letters read as digits."""
    kept = "".join(ch for ch in code.upper() if ch.isalnum())
    return kept.translate(_READS_AS)


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def make_batch(*, authority, band: str, size: int, created_by, team=None,
               days: int = DEFAULT_DAYS) -> tuple[SurveyBatch, list[str]]:
    """A batch and its codes in clear: the only time they exist outside the slips."""
    codes = [new_code() for _ in range(size)]
    with transaction.atomic():
        batch = SurveyBatch.objects.create(
            authority=authority, band=band, team=team, size=size, created_by=created_by,
            expires_at=timezone.now() + timedelta(days=days))
        SurveyCode.objects.bulk_create(SurveyCode(batch=batch, code_hash=hash_code(c))
                                       for c in codes)
    audit.record("create", obj=batch, authority_id=authority.pk, changes={
        "band": band, "codes": size, "expires_at": batch.expires_at.isoformat()})
    return batch, codes


def locked_out(ip: str | None) -> bool:
    since = timezone.now() - REFUSED_WINDOW
    return RefusedLink.objects.filter(ip=ip, at__gte=since).count() >= MAX_REFUSED


def refuse(ip: str | None, code: SurveyCode | None, reason: str) -> None:
    """Count and audit a refused code. The reason goes to the audit trail, never to the page;
    the trail names the batch, not the code."""
    RefusedLink.objects.filter(at__lt=timezone.now() - REFUSED_WINDOW).delete()
    RefusedLink.objects.create(ip=ip)
    batch = code.batch if code is not None else None
    if batch is not None:
        SurveyBatch.objects.filter(pk=batch.pk).update(refused_tries=F("refused_tries") + 1)
    audit.record("denied", obj=batch, changes={"survey_code": reason},
                 authority_id=batch.authority_id if batch else None)


def find(code: str) -> tuple[SurveyCode | None, str]:
    """The code row a code names, and why it may not be used ("" when it may)."""
    found = SurveyCode.objects.select_related("batch").filter(code_hash=hash_code(code)).first()
    if found is None:
        return None, "unknown"
    if found.used_on is not None:
        return found, "used"
    state = found.batch.state()
    return found, "" if state == SurveyBatch.State.OPEN else str(state)


def use(code: SurveyCode, session) -> bool:
    """Spend the code and start this browser's survey: True for the one request that spent it
    (a race loses cleanly)."""
    with transaction.atomic():
        spent = SurveyCode.objects.filter(pk=code.pk, used_on__isnull=True).update(
            used_on=timezone.localdate())
    if spent != 1:
        return False
    session.cycle_key()
    session[SESSION_KEY] = {
        "code": code.code_hash, "authority": code.batch.authority_id, "band": code.batch.band,
        "batch": code.batch_id, "started": timezone.now().isoformat(),
        "submission": secrets.token_hex(32),
    }
    return True


@dataclass(frozen=True)
class Started:
    """The survey this browser is answering: what the answers are saved with."""

    code_hash: str
    authority_id: int
    band: str
    submission: str


def in_session(session) -> Started | None:
    """The survey this browser started, while it may still be answered: within the answer
    window, and while its batch has not been withdrawn."""
    held = session.get(SESSION_KEY)
    if not held:
        return None
    if timezone.now() - datetime.fromisoformat(held["started"]) > ANSWER_WINDOW:
        return None
    if SurveyBatch.objects.filter(pk=held["batch"], withdrawn_at__isnull=False).exists():
        return None
    return Started(held["code"], held["authority"], held["band"], held["submission"])


def finish(session) -> None:
    """Forget the code: from here the browser holds nothing that leads back to it."""
    session.pop(SESSION_KEY, None)
