"""The demo loader takes a synthetic world that runs to today: its last return is the year to
date (episodes still open, no OC2 yet)."""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.synth import generate
from carematters.web.accounts.models import Authority
from carematters.web.children.models import Child, Episode, Outcome, Visit
from carematters.web.demo import load_demo

AS_AT = date(2026, 11, 23)


def test_the_demo_loads_a_year_to_date_return(db):
    synthetic = generate(60, 2, seed=5, as_at=AS_AT)
    la = synthetic.authorities[0]
    logins = load_demo(la, "Demo authority", [d for (code, _y), d in synthetic.returns.items()
                                              if code == la])
    assert logins[0].role == "social worker"
    authority = Authority.objects.get(code=la)
    ytd = synthetic.returns[(la, 2027)]
    open_now = set(ytd["Episodes"].filter(pl.col("DEC").is_null())["CHILD"])
    looked_after = set(Child.objects.filter(authority=authority, status=Child.Status.LOOKED_AFTER)
                       .values_list("child_id", flat=True))
    assert open_now and looked_after == open_now
    # Episodes open on 31 March 2026 were re-stated by the year to date, with their endings.
    ended = ytd["Episodes"].filter(pl.col("DEC").is_not_null() & (pl.col("DECOM") < date(2026, 4, 1)))
    assert ended.height and not Episode.objects.filter(
        child__authority=authority, decom__lt=date(2026, 4, 1), dec=None,
        child__child_id__in=list(ended["CHILD"])).exists()
    # OC2 only for the complete year; the record runs right up to the as-at day.
    years = set(Outcome.objects.filter(child__authority=authority).values_list("year", flat=True))
    assert years == {2026}
    visits = Visit.objects.filter(child__authority=authority)
    assert visits.filter(visit_date__gt=date(2026, 11, 1)).exists()
    assert not visits.filter(visit_date__gt=AS_AT).exists()
