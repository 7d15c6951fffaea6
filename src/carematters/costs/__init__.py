"""The cost calculator (spec §5): unit costs, per-child and cohort costs, population costs."""

from carematters.costs.groups import GROUPS, LABELS, placement_group, with_groups
from carematters.costs.placements import placement_costs
from carematters.costs.processes import process_costs, process_events
from carematters.costs.summary import (
    CostResult,
    current_population_cost,
    period_costs,
    window_costs,
    year_costs,
)
from carematters.costs.table import EVENT_PROCESSES, PROCESSES, CostTable

__all__ = [
    "GROUPS", "LABELS", "placement_group", "with_groups", "placement_costs", "process_costs",
    "process_events", "CostResult", "current_population_cost", "period_costs", "window_costs",
    "year_costs", "EVENT_PROCESSES", "PROCESSES", "CostTable",
]
