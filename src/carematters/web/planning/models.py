"""Saved scenarios and the authority's own unit costs. Both belong to one authority; every write
is audited (signals.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from carematters.web.accounts.models import Authority


class Scenario(models.Model):
    """A what-if for the forecast. `adjustments` is the list under `adjust` in the forecast
    command's scenario files (docs/forecast.md), so a saved scenario can be written out as a
    file and read back by `carematters forecast --scenario` unchanged."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    adjustments = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["authority", "name"],
                                               name="planning_scenario_name_per_authority")]

    def __str__(self) -> str:
        return self.name

    def as_mapping(self) -> dict:
        """The scenario-file shape: {name, description, adjust}."""
        return {"name": self.name, "description": self.description, "adjust": self.adjustments}


class UnitCost(models.Model):
    """One dated row of the authority's cost table, over the defaults (costs.CostTable)."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", "Weekly placement cost"
        PROCESS = "process", "Cost per occurrence"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="unit_costs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.CharField(max_length=40)
    valid_from = models.DateField()
    cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    price_year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "item", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["authority", "kind", "item", "valid_from"],
                                               name="planning_unit_cost_one_per_day")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.item} from {self.valid_from}"
