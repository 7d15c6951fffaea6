"""Personas and a tiny world: two authorities, two teams in the first, three children.

- `own`: in team A1, allocated to `sw`, reviewed by `iro`, managed by `manager`.
- `other`: in team A2, allocated to `sw_other` (same authority, different team).
- `foreign`: in authority B, allocated to `outsider`.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from carematters.web.accounts.models import Authority, Role, Team, User
from carematters.web.children.models import Child, Episode, Visit

PERSONAS = {
    "sw": (Role.SOCIAL_WORKER, "A", "A1"),
    "sw_other": (Role.SOCIAL_WORKER, "A", "A2"),
    "manager": (Role.TEAM_MANAGER, "A", "A1"),
    "iro": (Role.IRO, "A", None),
    "education": (Role.EDUCATION, "A", None),
    "health": (Role.HEALTH, "A", None),
    "analyst": (Role.ANALYST, "A", None),
    "director": (Role.DIRECTOR, "A", None),
    "member": (Role.MEMBER, "A", None),
    "admin": (Role.ADMINISTRATOR, "A", None),
    "outsider": (Role.SOCIAL_WORKER, "B", "B1"),
}


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    """Most tests are about access, not sign-in; test_sign_in.py turns the second factor on."""
    settings.REQUIRE_OTP = False


def build_world() -> SimpleNamespace:
    authorities = {
        "A": Authority.objects.create(code="999", name="Northshire County Council"),
        "B": Authority.objects.create(code="998", name="Southshire Borough Council"),
    }
    teams = {
        name: Team.objects.create(authority=authorities[name[0]], name=f"Team {name}")
        for name in ("A1", "A2", "B1")
    }
    users = {}
    for username, (role, authority, team) in PERSONAS.items():
        users[username] = User.objects.create_user(
            username=username, password="correct horse battery", role=role,
            authority=authorities[authority], team=teams.get(team), first_name=username.title(),
        )

    def child(key, authority, team, worker, iro=None):
        made = Child.objects.create(
            authority=authorities[authority], child_id=key.upper(), given_name=key.title(),
            family_name="Test", dob=date(2012, 5, 1), sex="F", ethnicity="WBRI", team=teams[team],
            social_worker=users[worker], iro=users[iro] if iro else None,
        )
        Episode.objects.create(child=made, decom=date(2024, 6, 1), rne="S", ls="C2", cin="N1",
                               place="U3", place_provider="PR1")
        Visit.objects.create(child=made, visit_date=date(2025, 1, 10), seen=True, seen_alone=True)
        return made

    children = {
        "own": child("own", "A", "A1", "sw", iro="iro"),
        "other": child("other", "A", "A2", "sw_other"),
        "foreign": child("foreign", "B", "B1", "outsider"),
    }
    return SimpleNamespace(authorities=authorities, teams=teams, users=users, children=children)


@pytest.fixture
def world(db) -> SimpleNamespace:
    return build_world()


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_
