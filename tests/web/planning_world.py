"""A small record for the planning pages, as at 31 March 2025: the personas' world plus 24
children of authority A who came into care between June 2020 and January 2024, in six placement
types, so the forecast has two years to learn from and the backtest three origins to rewind to.

Child i (0-23): born 1 (i % 12 + 1) (2007 + i % 11); in care from 1 June 2020 + 55·i days in
placement type i % 6 of FIRST (in-house foster, IFA, external residential, kinship, supported,
in-house foster); every third child moves after 200 days to the next type; every fourth (i % 4
== 1) leaves care 400 days after coming in. Homes and placements are in CV1 (the area), except every
fifth child (i % 5 == 0), placed in B1: out of the area.
"""

from __future__ import annotations

from datetime import date, timedelta

from carematters.web.children.models import Child, Episode

AS_AT = date(2025, 3, 31)
FIRST = [("U4", "PR1"), ("U4", "PR4"), ("K2", "PR4"), ("U1", "PR1"), ("H5", "PR4"), ("U5", "PR2")]


def build(world) -> list[Child]:
    authority, team = world.authorities["A"], world.teams["A1"]
    made = []
    for i in range(24):
        child = Child.objects.create(
            authority=authority, child_id=f"P{i:03d}", given_name=f"Plan{i}", family_name="Test",
            dob=date(2007 + i % 11, i % 12 + 1, 1), sex="M" if i % 2 else "F",
            ethnicity="WBRI", team=team, social_worker=world.users["sw"],
        )
        start = date(2020, 6, 1) + timedelta(days=55 * i)
        place, provider = FIRST[i % 6]
        post = "B1 1AA" if i % 5 == 0 else "CV1 2BB"
        common = {"child": child, "ls": "C2", "cin": "N1", "home_post": "CV1 1AA",
                  "pl_post": post}
        ends = start + timedelta(days=400) if i % 4 == 1 else None
        if i % 3 == 0:
            move = start + timedelta(days=200)
            Episode.objects.create(decom=start, rne="S", place=place, place_provider=provider,
                                   dec=move, rec="X1", reason_place_change="CARPL", **common)
            place, provider = FIRST[(i + 1) % 6]
            start = move
            rne = "P"
        else:
            rne = "S"
        Episode.objects.create(decom=start, rne=rne, place=place, place_provider=provider,
                               dec=ends, rec="E4A" if ends else "", **common)
        made.append(child)
    return made
