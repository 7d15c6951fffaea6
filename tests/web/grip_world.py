"""A tiny record for the grip pages, as at Thursday 20 February 2025 (hand-checkable).

Every child of the personas' world came into care on Monday 10 February 2025 (S, C2, U3); visits
from the shared world are removed. "own2" is a second child of `sw` in team A1. Per child:

- T1 care plan: 10 working days → due Monday 24 February: due this week;
- T2 placement plan: 5 working days → due Monday 17 February: overdue by 3 days;
- T8 first visit: 7 days → due 17 February: done on time for `own` (visit 14 February, seen
  alone), overdue by 3 days for everyone else;
- everything else (first review 10 March, health, PEP, IRO…) is not due within 14 days.

So `sw` (own, own2): 3 overdue, 2 due this week; `sw_other` (other): 2 overdue, 1 this week;
team A1 the same as `sw`; authority A: 5 overdue, 3 this week; `foreign` is in authority B.
Entitlements: each child (born 1 May 2012, looked after in 2024-25, aged 12 on 31 August 2024)
is owed Pupil Premium Plus for 2024-25, £2,570, until 31 March 2025.
"""

from __future__ import annotations

from datetime import date

from carematters.web.children.models import Child, Episode, Visit

AS_AT = date(2025, 2, 20)


def build(world) -> dict[str, Child]:
    Visit.objects.all().delete()
    Episode.objects.all().update(decom=date(2025, 2, 10))
    own = world.children["own"]
    Visit.objects.create(child=own, visit_date=date(2025, 2, 14), seen=True, seen_alone=True)
    own2 = Child.objects.create(
        authority=world.authorities["A"], child_id="OWN2", given_name="Second", family_name="Test",
        dob=date(2012, 5, 1), sex="F", ethnicity="WBRI", team=world.teams["A1"],
        social_worker=world.users["sw"],
    )
    Episode.objects.create(child=own2, decom=date(2025, 2, 10), rne="S", ls="C2", cin="N1",
                           place="U3", place_provider="PR1")
    return {**world.children, "own2": own2}
