"""The planning pages. Each declares its policy with `roles(...)` (accounts/policy.py); every
scenario and cost row is looked up within the user's own authority, so another authority's
identifiers answer 404 like everything else outside a user's reach."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from carematters.costs import GROUPS, LABELS
from carematters.costs.table import DEFAULT_SOURCE, EVENT_PROCESSES
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.grip.export import xlsx_response
from carematters.web.planning import figures
from carematters.web.planning.compute import cost_table, planning
from carematters.web.planning.forms import ScenarioForm, UnitCostForm
from carematters.web.planning.models import Scenario, UnitCost
from carematters.web.planning.xlsx import comparison_sheets

#: Aggregate figures: unsuppressed for these roles (docs/access.md) ...
FIGURES = (Role.DIRECTOR, Role.ANALYST, Role.TEAM_MANAGER)
#: ... and suppressed for elected members, who see the forecast page only.
FORECAST = (*FIGURES, Role.MEMBER)
#: Who writes scenarios and the cost table: the director and the performance analysts.
PLANNERS = (Role.DIRECTOR, Role.ANALYST)


def _authority(request):
    if request.user.authority_id is None:
        raise Http404
    return request.user.authority


@roles(*FORECAST)
def forecast_page(request):
    """The base forecast: projection with bands, costs, sufficiency and the backtest."""
    found = planning(_authority(request))
    members = request.user.role == Role.MEMBER
    context = {"planning": found, "suppressed": members,
               "can_plan": request.user.role in PLANNERS}
    if found is not None:
        fc = found.base
        projection = figures.projection(fc, suppress=members)
        context.update(
            headline=figures.headline(fc, projection),
            chart=found.charts["totals" if members else "full"],
            projection=projection,
            current_costs=figures.current_costs(found.current_costs, suppress=members),
            projected_costs=figures.projected_costs(found.yearly, suppress=members),
            sufficiency=figures.sufficiency(found.sufficiency, fc, suppress=members),
            backtest=figures.backtest(found.backtest.summary if found.backtest else None,
                                      totals_only=members),
            unset=found.costs.unset(),
        )
    return render(request, "planning/forecast.html", context)


@roles(*FIGURES)
def scenario_list(request):
    scenarios = Scenario.objects.filter(authority=_authority(request)).select_related(
        "created_by")
    return render(request, "planning/scenario_list.html", {
        "scenarios": scenarios, "can_plan": request.user.role in PLANNERS})


@roles(*PLANNERS)
def scenario_edit(request, pk: int | None = None):
    """Create (no pk) or change a saved scenario."""
    authority = _authority(request)
    scenario = (get_object_or_404(Scenario, pk=pk, authority=authority) if pk is not None
                else Scenario(authority=authority, created_by=request.user))
    form = ScenarioForm(request.POST or None, instance=scenario, authority=authority)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Scenario “{saved.name}” saved")
        return redirect("planning-scenario-compare", saved.pk)
    return render(request, "planning/scenario_form.html", {"form": form, "scenario": scenario})


@roles(*PLANNERS)
def scenario_delete(request, pk: int):
    scenario = get_object_or_404(Scenario, pk=pk, authority=_authority(request))
    if request.method == "POST":
        name = scenario.name
        scenario.delete()
        messages.success(request, f"Scenario “{name}” deleted")
        return redirect("planning-scenarios")
    return render(request, "planning/scenario_delete.html", {"scenario": scenario})


def _compared(request, pk: int):
    authority = _authority(request)
    scenario = get_object_or_404(Scenario, pk=pk, authority=authority)
    return scenario, planning(authority, scenario)


@roles(*FIGURES)
def scenario_compare(request, pk: int):
    """Base and scenario side by side: children per placement type, and what they cost."""
    scenario, found = _compared(request, pk)
    context = {"scenario": scenario, "planning": found,
               "can_plan": request.user.role in PLANNERS}
    if found is not None:
        context.update(
            comparison=figures.comparison(found.base, found.chosen),
            costs=figures.cost_comparison(found.cost_change),
            base_chart=found.charts["base"],
            scenario_chart=found.charts["scenario"],
        )
    return render(request, "planning/scenario_compare.html", context)


@roles(*FIGURES)
def scenario_compare_xlsx(request, pk: int):
    scenario, found = _compared(request, pk)
    if found is None:
        raise Http404
    return xlsx_response(f"scenario-{scenario.pk}-comparison.xlsx",
                         comparison_sheets(scenario, found),
                         what="scenario comparison", filters={"scenario": scenario.pk})


def _cost_rows(authority) -> list[dict]:
    """Every row of the authority's cost table: defaults and its own, oldest first per item."""
    table = cost_table(authority).frame
    own = {(u.kind, u.item, u.valid_from): u for u in UnitCost.objects.filter(authority=authority)}
    order = {**{("weekly", g): i for i, g in enumerate(GROUPS)},
             **{("process", p): 100 + i for i, p in enumerate(EVENT_PROCESSES)}}
    rows = []
    for r in table.iter_rows(named=True):
        mine = own.get((r["kind"], r["item"], r["valid_from"]))
        rows.append({**r, "label": LABELS.get(r["item"], r["item"].replace("_", " ")),
                     "order": order[(r["kind"], r["item"])], "own": mine,
                     "default": mine is None and r["source"] == DEFAULT_SOURCE})
    return sorted(rows, key=lambda r: (r["order"], r["valid_from"]))


@roles(*PLANNERS)
def cost_table_page(request):
    """The weekly and per-occurrence costs with their dates; add a dated figure."""
    authority = _authority(request)
    form = UnitCostForm(request.POST or None, authority=authority)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # A figure for the same cost and date replaces the earlier one (one row per day).
            UnitCost.objects.filter(authority=authority, kind=form.instance.kind,
                                    item=form.instance.item,
                                    valid_from=form.cleaned_data["valid_from"]).delete()
            row = form.save(commit=False)
            row.created_by = request.user
            row.save()
        messages.success(request, "Cost saved")
        return redirect("planning-costs")
    return render(request, "planning/costs.html", {
        "form": form, "rows": _cost_rows(authority), "unset": cost_table(authority).unset(),
        "default_source": DEFAULT_SOURCE})


@roles(*PLANNERS)
def cost_delete(request, pk: int):
    row = get_object_or_404(UnitCost, pk=pk, authority=_authority(request))
    if request.method != "POST":
        raise Http404
    row.delete()
    messages.success(request, "Cost removed")
    return redirect("planning-costs")


