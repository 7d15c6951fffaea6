"""The authority's improvement plan as data: priorities under the Care Matters themes, and
actions with an owner, a due date, a status and, where an action should move an indicator, the
baseline it starts from and the target it should reach by a year.

Care Matters (implementation plan 1.25-1.29) judges progress by the national indicators moving
towards targets; an action linked to an indicator can be checked against the returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

#: The themes of Care Matters: Time for Change (2007), one per chapter of its programme [U: the
#: white paper's chapter titles, in our words].
THEMES: dict[str, str] = {
    "corporate_parenting": "Corporate parenting",
    "family_support": "Family and parenting support",
    "placements": "Care placements (stability and permanence)",
    "education": "A first-class education",
    "health": "Health and wellbeing",
    "leaving_care": "Transition to adulthood",
    "practitioners": "The role of the practitioner",
}

#: The Care Matters theme an indicator of each registry theme usually serves.
INDICATOR_THEMES = {
    "headline": "corporate_parenting", "stability": "placements", "adoption": "placements",
    "health": "health", "education": "education", "reviews": "practitioners",
    "care_leavers": "leaving_care",
}

Status = Literal["not started", "in progress", "done", "dropped"]
STATUSES: tuple[str, ...] = ("not started", "in progress", "done", "dropped")
#: Statuses after which an action can no longer be overdue.
CLOSED = ("done", "dropped")


class PlanError(ValueError):
    """The plan is inconsistent; the message says where."""


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    theme: str
    description: str = ""


@dataclass(frozen=True)
class Action:
    id: str
    priority: str
    title: str
    owner: str
    due: date
    status: Status = "not started"
    indicator: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    target_year: int | None = None


@dataclass(frozen=True)
class Plan:
    authority: str
    title: str
    priorities: tuple[Priority, ...] = field(default_factory=tuple)
    actions: tuple[Action, ...] = field(default_factory=tuple)

    def priority(self, priority_id: str) -> Priority:
        for p in self.priorities:
            if p.id == priority_id:
                return p
        raise KeyError(priority_id)

    def indicators(self) -> list[str]:
        """The indicators the plan's actions should move, each once, in plan order."""
        return list(dict.fromkeys(a.indicator for a in self.actions if a.indicator))

    def first_year(self) -> int | None:
        years = [a.baseline_year for a in self.actions if a.baseline_year is not None]
        return min(years) if years else None


def check(plan: Plan, known_indicators: set[str] | None = None) -> Plan:
    """Raise PlanError on the first inconsistency; return the plan unchanged otherwise."""
    _unique("priority", [p.id for p in plan.priorities])
    _unique("action", [a.id for a in plan.actions])
    for p in plan.priorities:
        if p.theme not in THEMES:
            raise PlanError(f"priority {p.id}: theme {p.theme!r} is not one of "
                            f"{', '.join(THEMES)}")
    priorities = {p.id for p in plan.priorities}
    for a in plan.actions:
        _check_action(a, priorities, known_indicators)
    return plan


def _unique(kind: str, ids: list[str]) -> None:
    seen = set()
    for i in ids:
        if i in seen:
            raise PlanError(f"{kind} {i} appears twice")
        seen.add(i)


def _check_action(a: Action, priorities: set[str], known: set[str] | None) -> None:
    if a.priority not in priorities:
        raise PlanError(f"action {a.id}: no priority {a.priority}")
    if a.status not in STATUSES:
        raise PlanError(f"action {a.id}: status {a.status!r} is not one of {', '.join(STATUSES)}")
    measure = (a.baseline, a.baseline_year, a.target, a.target_year)
    if a.indicator is None:
        if any(v is not None for v in measure):
            raise PlanError(f"action {a.id}: a baseline or target needs an indicator")
        return
    if known is not None and a.indicator not in known:
        raise PlanError(f"action {a.id}: unknown indicator {a.indicator}")
    if any(v is None for v in measure):
        raise PlanError(f"action {a.id}: an indicator needs baseline, baseline_year, target "
                        "and target_year")
    if a.target_year <= a.baseline_year:
        raise PlanError(f"action {a.id}: target_year must come after baseline_year")
