"""The authority's improvement plan: priorities and actions, and progress against the
indicators (Care Matters implementation plan 1.25-1.29)."""

from carematters.improvement.plan import THEMES, Action, Plan, PlanError, Priority, check
from carematters.improvement.planfile import dumps, loads
from carematters.improvement.progress import priority_summary, progress

__all__ = ["THEMES", "Action", "Plan", "PlanError", "Priority", "check", "dumps", "loads",
           "priority_summary", "progress"]
