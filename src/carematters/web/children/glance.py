"""The "child at a glance" facts: current episode, plan, reviews and visits due, health, education,
missing. Due dates follow the statutory timescales (spec §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from carematters.data.years import add_months, add_working_days
from carematters.web.children import models as m


@dataclass
class Glance:
    episode: m.Episode | None
    plan: m.Plan | None
    last_review: m.Review | None
    next_review_due: date | None
    last_visit: m.Visit | None
    next_visit_due: date | None
    health: m.HealthAssessment | None
    dental: m.DentalCheck | None
    sdq: m.SDQScore | None
    pep: m.PEP | None
    missing_now: m.MissingEpisode | None
    missing_last_year: int


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


def next_review_due(period_began: date | None, reviews: list[m.Review]) -> date | None:
    """CPPCR reg 33: first review within 20 working days of becoming looked after, the second
    within three months of the first, then at most six months apart."""
    if period_began is None:
        return None
    held = sorted(r.review_date for r in reviews if r.review_date >= period_began)
    if not held:
        return add_working_days(period_began, 20)
    if len(held) == 1:
        return add_months(held[0], 3)
    return add_months(held[-1], 6)


def next_visit_due(period_began: date | None, visits: list[m.Visit]) -> date | None:
    """CPPCR reg 28: within a week of a placement, then at intervals of no more than six weeks
    in the first year (longer intervals for long-term placements are not modelled here)."""
    if period_began is None:
        return None
    seen = [v.visit_date for v in visits if v.visit_date >= period_began]
    return max(seen) + timedelta(weeks=6) if seen else period_began + timedelta(days=7)


def at_a_glance(child: m.Child, today: date | None = None) -> Glance:
    today = today or date.today()
    episodes = list(child.episodes.all())
    is_open = bool(episodes) and episodes[-1].dec is None
    began = period_start(episodes) if is_open else None
    reviews = list(child.reviews.all())
    visits = list(child.visits.all())
    missing = list(child.missingepisodes.all())
    return Glance(
        episode=episodes[-1] if episodes else None,
        plan=child.plans.first(),
        last_review=reviews[0] if reviews else None,
        next_review_due=next_review_due(began, reviews),
        last_visit=visits[0] if visits else None,
        next_visit_due=next_visit_due(began, visits),
        health=child.healthassessments.first(),
        dental=child.dentalchecks.order_by("-check_date").first(),
        sdq=child.sdqscores.order_by("-sdq_date").first(),
        pep=child.peps.first(),
        missing_now=next((x for x in missing if x.mis_end is None), None),
        missing_last_year=sum(1 for x in missing if x.mis_start >= today - timedelta(days=365)),
    )
