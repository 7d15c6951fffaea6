"""The performance pages: the framework's indicators from the record, and the reports for
senior officers' and councillors' meetings as downloads.

Directors, analysts and team managers see the figures as they are; elected members see counts
of 1 to 5 (and what they could be worked out from) as [c] (docs/access.md). Nothing here names a
child or a worker, and every download is audited.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from carematters.data.years import year_label
from carematters.indicators import all_indicators
from carematters.indicators.registry import AVERAGE_UNITS
from carematters.reports import indicators as indicator_reports
from carematters.reports.indicators import format_value
from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.children.models import Child
from carematters.web.performance import figures
from carematters.web.performance.compute import annual_document, behind, performance
from carematters.web.performance.forms import PopulationForm

#: Who opens the performance pages (all aggregate; suppressed for members).
READERS = (Role.DIRECTOR, Role.ANALYST, Role.TEAM_MANAGER, Role.MEMBER)
#: Who may see the children behind a figure: a team manager their own team's, by name and linked
#: to the record; analysts every child, by the return's identifier only (docs/access.md).
DRILLERS = (Role.TEAM_MANAGER, Role.ANALYST)
#: Who sets the child population the rate per 10,000 divides by (as who sets the costs).
SETTERS = (Role.DIRECTOR, Role.ANALYST)
FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _authority(request):
    if request.user.authority_id is None:
        raise Http404
    return request.user.authority


def _suppressed(request) -> bool:
    return request.user.role == Role.MEMBER


@roles(*READERS)
def performance_page(request):
    authority = _authority(request)
    found = performance(authority)
    suppress = _suppressed(request)
    context = {"found": found, "suppressed": suppress, "population": authority.child_population,
               "form": PopulationForm(instance=authority)
               if request.user.role in SETTERS else None}
    if found is not None:
        themes, missing = figures.themes(found, suppress=suppress)
        context.update(
            year_labels=[year_label(y) for y in found.years],
            latest_label=year_label(found.latest),
            themes=themes, missing=missing,
            charts=figures.charts(found, suppress=suppress),
            drill=request.user.role in DRILLERS,
        )
    return render(request, "performance/indicators.html", context)


@roles(*SETTERS)
def population(request):
    """Set the child population (a POST from the performance page's form)."""
    authority = _authority(request)
    before = authority.child_population
    form = PopulationForm(request.POST or None, instance=authority)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record("update", obj=authority, changes={
            "child_population": [before, authority.child_population]})
        messages.success(request, "Child population saved")
        return redirect("performance")
    return render(request, "performance/population.html", {"form": form})


@roles(*DRILLERS)
def children_behind(request, indicator: str, year: int):
    """Who makes up one figure: the children in its denominator, and whether each is counted in
    the numerator (for an average, each child's own value)."""
    authority = _authority(request)
    drill = behind(authority, indicator, year)
    if drill is None:
        raise Http404
    ind = all_indicators()[indicator]
    manager = request.user.role == Role.TEAM_MANAGER
    named = {}
    if manager:
        # Only the manager's own children: the rest of the figure stays a number.
        named = {c.child_id: c for c in Child.objects.visible_to(request.user).filter(
            child_id__in=drill["CHILD"].to_list())}
        drill = drill.filter(pl.col("CHILD").is_in(list(named)))
    average = ind.unit in AVERAGE_UNITS
    rows = [{"child_id": r["CHILD"], "child": named.get(r["CHILD"]),
             "counted": r["in_numerator"],
             "value": format_value(r["value"], ind.unit) if average else ""}
            for r in drill.sort(["in_numerator", "CHILD"], descending=[True, False])
            .iter_rows(named=True)]
    audit.record("view", changes={"drilldown": indicator, "year": year, "children": len(rows)})
    return render(request, "performance/behind.html", {
        "indicator": ind, "year": year, "year_label": year_label(year), "rows": rows,
        "manager": manager, "average": average,
        "counted": sum(1 for r in rows if r["counted"]),
    })


def _download(content: bytes | str, filename: str, content_type: str, *, what: str,
              year: int, suppress: bool) -> HttpResponse:
    audit.record("export", changes={"export": what, "filters": {"year": year,
                                                                "suppressed": suppress}})
    response = HttpResponse(content, content_type=content_type)
    # A download, not a page: the reports carry their own styles, which the site's CSP forbids.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _found_year(request, year: int):
    found = performance(_authority(request))
    if found is None or year not in found.years:
        raise Http404
    return found


@roles(*READERS)
def indicators_workbook(request, year: int):
    found = _found_year(request, year)
    suppress = _suppressed(request)
    with tempfile.TemporaryDirectory() as folder:
        path = indicator_reports.write_workbook(Path(folder) / "indicators.xlsx", found.results,
                                                year=year, suppress=suppress)
        content = path.read_bytes()
    return _download(content, f"indicators-{year}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     what="performance indicators", year=year, suppress=suppress)


@roles(*READERS)
def indicators_report(request, year: int):
    """The framework's HTML performance report for one year, with its trend charts."""
    found = _found_year(request, year)
    suppress = _suppressed(request)
    page = indicator_reports.html_report(found.results, year=year, la=request.user.authority.name,
                                         suppress=suppress)
    return _download(page, f"performance-report-{year}.html", FORMATS["html"],
                     what="performance report", year=year, suppress=suppress)


@roles(*READERS)
def annual_report(request, year: int, fmt: str):
    """The annual report for the corporate parenting board: suppressed for every reader, as it
    is written to be published with the committee's papers."""
    if fmt not in FORMATS:
        raise Http404
    content = annual_document(_authority(request), year, fmt)
    if content is None:
        raise Http404
    return _download(content, f"annual-report-{year}.{fmt}", FORMATS[fmt],
                     what="annual report", year=year, suppress=True)
