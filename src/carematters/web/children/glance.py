"""The "child at a glance" facts: current episode, plan, reviews and visits due, health, education,
missing. Due dates follow the statutory timescales (spec §3).

The summary page is the most visited page of the record, so the facts come from two queries: the
child's episodes (to find the current period of care), then one row of "latest" sub-queries for
the sections the user may see. Sections the user may not see are not read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection

from carematters.data.years import add_months, add_working_days
from carematters.web.children import models as m
from carematters.web.children.fields import CODE_LISTS


@dataclass
class Glance:
    episode: m.Episode | None = None
    plan_kind: str | None = None
    plan_date: date | None = None
    last_review: date | None = None
    next_review_due: date | None = None
    last_visit: date | None = None
    last_visit_alone: bool | None = None
    next_visit_due: date | None = None
    health: date | None = None
    dental: date | None = None
    sdq_score: int | None = None
    sdq_date: date | None = None
    pep: date | None = None
    missing_since: date | None = None
    missing_last_year: int = 0

    @property
    def plan_headline(self) -> str:
        return CODE_LISTS["plan_kind"].label(self.plan_kind).capitalize() if self.plan_kind else ""


def period_start(episodes: list[m.Episode]) -> date | None:
    """Start of the current period of care: walk back while episodes join end to start."""
    if not episodes:
        return None
    start = episodes[-1]
    for earlier in reversed(episodes[:-1]):
        if start.rne == "S" or earlier.dec != start.decom:
            break
        start = earlier
    return start.decom


def next_review_due(period_began: date | None, held_since: int, last: date | None) -> date | None:
    """CPPCR reg 33: first review within 20 working days of becoming looked after, the second
    within three months of the first, then at most six months apart.

    `held_since` counts the reviews held since the period began; `last` is the latest of them.
    """
    if period_began is None:
        return None
    if held_since == 0 or last is None:
        return add_working_days(period_began, 20)
    if held_since == 1:
        return add_months(last, 3)
    return add_months(last, 6)


def next_visit_due(period_began: date | None, last_visit: date | None) -> date | None:
    """CPPCR reg 28: within a week of a placement, then at intervals of no more than six weeks
    in the first year (longer intervals for long-term placements are not modelled here)."""
    if period_began is None:
        return None
    if last_visit is not None and last_visit >= period_began:
        return last_visit + timedelta(weeks=6)
    return period_began + timedelta(days=7)


def _latest(model: type[m.Record], column: str, order: str | None = None) -> str:
    """SQL for `column` of the child's latest `model` row (latest by the model's date field)."""
    table, newest = model._meta.db_table, order or model.DATE_FIELD
    return (f"(SELECT {column} FROM {table} WHERE child_id = %(child)s "
            f"ORDER BY {newest} DESC, id DESC LIMIT 1)")


# The SQL behind each section's card. Plain SQL, built once: compiling a dozen ORM sub-queries
# cost more than running them on the most visited page. Parameters: child, began, year_ago.
_REVIEWS_SINCE = "FROM children_review WHERE child_id = %(child)s AND review_date >= %(began)s"
FACTS: dict[str, dict[str, str]] = {
    "plans": {"plan_kind": _latest(m.Plan, "plan_type"), "plan_date": _latest(m.Plan, "plan_date")},
    "reviews": {
        "last_review": _latest(m.Review, "review_date"),
        "reviews_since": f"(SELECT COUNT(*) {_REVIEWS_SINCE})",
        "last_review_since": f"(SELECT MAX(review_date) {_REVIEWS_SINCE})",
    },
    "visits": {"last_visit": _latest(m.Visit, "visit_date"),
               "last_visit_alone": _latest(m.Visit, "seen_alone", "visit_date")},
    "health": {"health": _latest(m.HealthAssessment, "assessment_date"),
               "dental": _latest(m.DentalCheck, "check_date"),
               "sdq_score": _latest(m.SDQScore, "score", "sdq_date"),
               "sdq_date": _latest(m.SDQScore, "sdq_date")},
    "education": {"pep": _latest(m.PEP, "pep_date")},
    "missing": {
        "missing_since": "(SELECT MAX(mis_start) FROM children_missingepisode "
                         "WHERE child_id = %(child)s AND mis_end IS NULL)",
        "missing_last_year": "(SELECT COUNT(*) FROM children_missingepisode "
                             "WHERE child_id = %(child)s AND mis_start >= %(year_ago)s)",
    },
}


def _facts_row(child: m.Child, sections: list[str], began: date | None, today: date) -> dict:
    columns = {name: sql for section in sections for name, sql in FACTS[section].items()}
    select = ", ".join(f"{sql} AS {name}" for name, sql in columns.items())
    params = {"child": child.pk if connection.vendor == "postgresql" else child.pk.hex,
              "began": began or today, "year_ago": today - timedelta(days=365)}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select}", params)
        values = cursor.fetchone()
    row = dict(zip(columns, values, strict=True))
    for name in ("last_review", "last_review_since", "last_visit", "health", "dental", "sdq_date",
                 "pep", "plan_date", "missing_since"):
        if isinstance(row.get(name), str):  # SQLite hands dates back as text
            row[name] = date.fromisoformat(row[name])
    if "last_visit_alone" in row and row["last_visit_alone"] is not None:
        row["last_visit_alone"] = bool(row["last_visit_alone"])
    return row


def at_a_glance(child: m.Child, allowed: dict[str, bool], today: date | None = None) -> Glance:
    """What the summary page shows of `child`, for the sections in `allowed` only."""
    today = today or date.today()
    glance = Glance()
    began = None
    if allowed.get("placements") or allowed.get("reviews") or allowed.get("visits"):
        episodes = list(child.episodes.all())
        if episodes:
            is_open = episodes[-1].dec is None
            began = period_start(episodes) if is_open else None
            if allowed.get("placements"):
                glance.episode = episodes[-1]
    sections = [section for section in FACTS if allowed.get(section)]
    if sections:
        row = _facts_row(child, sections, began, today)
        for name, value in row.items():
            if hasattr(glance, name):
                setattr(glance, name, value)
        glance.missing_last_year = row.get("missing_last_year") or 0
        if allowed.get("reviews"):
            glance.next_review_due = next_review_due(began, row["reviews_since"] or 0,
                                                     row["last_review_since"])
        if allowed.get("visits"):
            glance.next_visit_due = next_visit_due(began, glance.last_visit)
    return glance
