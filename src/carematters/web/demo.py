"""A demonstration authority: synthetic returns loaded into the record, and one person per role.

Names are invented from short lists (returns carry no names); passwords are a shared demo
password, for a laptop demonstration only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db import transaction

from carematters.data import CareData
from carematters.web.accounts.models import Authority, Role, Team, User
from carematters.web.children.importer import import_caredata
from carematters.web.children.models import Child, IROAllocation, SocialWorkerEpisode

DEMO_PASSWORD = "carematters-demo"  # for the demo database only, printed by `carematters demo`
GIVEN = ("Amara", "Ben", "Chloe", "Dylan", "Ella", "Finley", "Grace", "Harvey", "Isla", "Jayden",
         "Kacey", "Leo", "Maya", "Noah", "Olivia", "Priya", "Reuben", "Sofia", "Tyler", "Zara")
FAMILY = ("Adeyemi", "Brown", "Clarke", "Davies", "Evans", "Fitzgerald", "Green", "Hussain",
          "Iqbal", "Jones", "Kowalski", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Quinn",
          "Roberts", "Smith", "Taylor", "Walsh", "Young")
TEAMS = ("North children in care team", "South children in care team")
ROLE_LOGINS = (  # (username, role, full name); the manager leads the busiest worker's team
    ("manager", Role.TEAM_MANAGER, "Morgan Manager"),
    ("vsh", Role.EDUCATION, "Vera Schoolhead"),
    ("nurse", Role.HEALTH, "Nia Nurse"),
    ("analyst", Role.ANALYST, "Ana Lyst"),
    ("director", Role.DIRECTOR, "Dee Rector"),
    ("councillor", Role.MEMBER, "Cllr Connie Member"),
    ("admin", Role.ADMINISTRATOR, "Adam Admin"),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    note: str = ""


def load_demo(authority_code: str, authority_name: str, returns: list[CareData]) -> list[DemoLogin]:
    """Import `returns` (oldest first) into a new authority and make its people."""
    with transaction.atomic():
        authority = Authority.objects.create(code=authority_code, name=authority_name)
        teams = [Team.objects.create(authority=authority, name=name) for name in TEAMS]
        for data in sorted(returns, key=lambda d: d.years):
            import_caredata(authority, data)
        _name_children(authority)
        workers = _people_for(authority, teams, SocialWorkerEpisode, "sw_id", Role.SOCIAL_WORKER, "sw")
        iros = _people_for(authority, teams, IROAllocation, "iro_id", Role.IRO, "iro")
        _allocate(authority, workers, iros)
        busiest = max(workers.values(), key=lambda u: u.allocated_children.count())
        iro = max(iros.values(), key=lambda u: u.reviewed_children.count())
        for username, role, full_name in ROLE_LOGINS:
            team = busiest.team if role == Role.TEAM_MANAGER else None
            _user(authority, username, role, team, full_name)
    return [
        DemoLogin(busiest.username, "social worker", f"{busiest.allocated_children.count()} children"),
        DemoLogin("manager", "team manager", busiest.team.name),
        DemoLogin(iro.username, "IRO", f"reviews {iro.reviewed_children.count()} children"),
        *(DemoLogin(u, r.label) for u, r, _n in ROLE_LOGINS[1:]),
    ]


def _user(authority, username: str, role: str, team, full_name: str, sw_id: str = "") -> User:
    given, _, family = full_name.rpartition(" ")
    return User.objects.create_user(
        username=username, password=DEMO_PASSWORD, role=role, authority=authority, team=team,
        first_name=given, last_name=family, sw_id=sw_id,
    )


def _name_children(authority) -> None:
    children = list(Child.objects.filter(authority=authority).order_by("child_id"))
    for i, child in enumerate(children):
        child.given_name = GIVEN[(i * 7) % len(GIVEN)]
        child.family_name = FAMILY[(i * 11) % len(FAMILY)]
    Child.objects.bulk_update(children, ["given_name", "family_name"], batch_size=500)


def _people_for(authority, teams, model, id_field: str, role: str, prefix: str) -> dict[str, User]:
    """One demo user for each worker identifier found in the imported returns."""
    ids = sorted(set(model.objects.filter(child__authority=authority).values_list(id_field, flat=True)))
    people = {}
    for n, worker_id in enumerate(ids, start=1):
        team = teams[(n - 1) % 2] if role == Role.SOCIAL_WORKER else None
        people[worker_id] = _user(
            authority, f"{prefix}{n}", role, team,
            f"{GIVEN[n % len(GIVEN)]} {FAMILY[(n * 3) % len(FAMILY)]}", sw_id=worker_id,
        )
    return people


def _latest(model, authority, id_field: str, start_field: str) -> dict:
    rows = model.objects.filter(child__authority=authority).values_list("child_id", id_field, start_field)
    if not rows:
        return {}
    frame = pl.DataFrame(list(rows), schema=["child", "worker", "start"], orient="row")
    latest = frame.sort("start").group_by("child").agg(pl.col("worker").last())
    return dict(latest.iter_rows())


def _allocate(authority, workers: dict[str, User], iros: dict[str, User]) -> None:
    """Allocate each child to the worker and IRO of their latest allocation in the returns."""
    worker_of = _latest(SocialWorkerEpisode, authority, "sw_id", "sw_decom")
    iro_of = _latest(IROAllocation, authority, "iro_id", "iro_start")
    children = list(Child.objects.filter(authority=authority))
    for child in children:
        worker = workers.get(worker_of.get(child.pk))
        child.social_worker = worker
        child.team = worker.team if worker else None
        child.iro = iros.get(iro_of.get(child.pk))
    Child.objects.bulk_update(children, ["social_worker", "team", "iro"], batch_size=500)
