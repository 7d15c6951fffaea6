"""The grip pages. Each declares its policy with `roles(...)`; within a page, rows are limited to
the children the user may open (`Child.objects.visible_to`, the same policy as the child pages),
so a team manager sees the team's children and a director figures only (docs/access.md)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.http import Http404
from django.shortcuts import render

from carematters.compliance.items import ITEM_NAMES
from carematters.web.accounts.models import Role, User
from carematters.web.accounts.policy import roles
from carematters.web.children.models import Child
from carematters.web.grip.export import xlsx_response
from carematters.web.grip.record import BUCKETS, grip_record
from carematters.web.grip.summaries import (
    ENTITLEMENT_NAMES,
    by_item,
    by_team,
    by_worker,
    caseloads,
    entitlement_totals,
    review_rows,
)

REVIEW_ITEMS = ("T3", "T4", "T5", "T7")
#: Education staff see the allowances paid through schools and the virtual school.
EDUCATION_ENTITLEMENTS = ("pea", "pupil_premium_plus", "pupil_premium_plus_plac", "he_bursary")
CHILD_LEVEL_ENTITLEMENTS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO, Role.EDUCATION)


@dataclass(frozen=True)
class Filters:
    item: str = ""
    status: str = ""
    worker: str = ""
    sort: str = "due"

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


WORK_SORTS = {
    "due": ["URGENCY", "DUE", "NAME", "ITEM_NO"],
    "child": ["NAME", "URGENCY", "DUE"],
    "item": ["ITEM_NO", "URGENCY", "DUE"],
    "worker": ["WORKER", "URGENCY", "DUE"],
}


def _filters(request, workers: dict[str, str]) -> Filters:
    """The query's filters, each checked against what the page offers (anything else is ignored)."""
    get = request.GET
    item = get.get("item", "")
    status = get.get("status", "")
    worker = get.get("worker", "")
    sort = get.get("sort", "due")
    return Filters(
        item=item if item in ITEM_NAMES else "",
        status=status if status in BUCKETS or status == "all" else "",
        worker=worker if worker in workers else "",
        sort=sort if sort in WORK_SORTS else "due",
    )


def _visible_pks(user) -> list[str]:
    return [str(pk) for pk in Child.objects.visible_to(user).values_list("pk", flat=True)]


def _authority(request):
    if request.user.authority_id is None:
        raise Http404
    return request.user.authority


def _apply(work: pl.DataFrame, filters: Filters, default_status: tuple[str, ...]) -> pl.DataFrame:
    if filters.item:
        work = work.filter(pl.col("ITEM") == filters.item)
    if filters.worker:
        work = work.filter(pl.col("WORKER_ID").cast(pl.String) == filters.worker)
    statuses = (tuple(BUCKETS) if filters.status == "all"
                else (filters.status,) if filters.status else default_status)
    work = work.filter(pl.col("BUCKET").is_in(list(statuses)))
    number = pl.col("ITEM").str.slice(1).cast(pl.Int32).alias("ITEM_NO")
    return work.with_columns(number).sort(WORK_SORTS[filters.sort], nulls_last=True)


def _work_rows(work: pl.DataFrame) -> list[dict]:
    return [{**row, "BUCKET_LABEL": BUCKETS[row["BUCKET"]]} for row in work.to_dicts()]


WORK_HEADERS = ["Child", "Identifier", "Worker", "Item", "What", "Due", "Status", "Days overdue"]


def _work_sheet(rows: list[dict]) -> tuple[str, list[str], list[list]]:
    return ("Items", WORK_HEADERS, [
        [r["NAME"], r["CHILD"], r["WORKER"], r["ITEM"], r["TITLE"], r["DUE"], r["BUCKET_LABEL"],
         max(r["DAYS"], 0)]
        for r in rows
    ])


def _options(workers: dict[str, str]) -> dict:
    return {
        "item_options": sorted(ITEM_NAMES.items(), key=lambda kv: int(kv[0][1:])),
        "status_options": [*BUCKETS.items(), ("all", "Any")],
        "worker_options": sorted(workers.items(), key=lambda kv: kv[1]),
        "sort_options": [("due", "Most urgent first"), ("child", "Child"), ("item", "Item"),
                         ("worker", "Worker")],
    }


@roles(Role.SOCIAL_WORKER)
def my_children(request, export: bool = False):
    """The worker's allocated children: overdue items first, then those due this week."""
    _authority(request)
    record = grip_record(request)
    mine = record.open_work.filter(pl.col("PK").is_in(_visible_pks(request.user)))
    filters = _filters(request, {})
    rows = _work_rows(_apply(mine, filters, ("overdue", "this-week")))
    if export:
        return xlsx_response("my-children.xlsx", [_work_sheet(rows)], what="my children",
                             filters=filters.as_dict())
    allocated = Child.objects.visible_to(request.user).exclude(status=Child.Status.CLOSED)
    return render(request, "grip/my_children.html", {
        "rows": rows, "filters": filters, "as_at": record.as_at,
        "children": allocated.count(), "export_url": _export_url(request),
        "overdue": sum(r["BUCKET"] == "overdue" for r in rows),
        "this_week": sum(r["BUCKET"] == "this-week" for r in rows),
        **_options({}),
    })


def _dashboard(request, scope: pl.DataFrame, *, title: str, export: bool, filename: str,
               workers: dict[str, str], with_teams: bool):
    record = grip_record(request)
    filters = _filters(request, workers)
    work = _apply(record.open_work.join(scope.select("PK"), on="PK", how="semi"), filters,
                  tuple(BUCKETS))
    visible = _visible_pks(request.user)
    rows = _work_rows(work.filter(pl.col("PK").is_in(visible)))
    loads = caseloads(scope, workers)
    worker_rows = by_worker(work, loads)
    item_rows = by_item(work)
    team_rows = by_team(work, scope) if with_teams else []
    if export:
        sheets = [
            ("By worker", ["Worker", "Children held", "Overdue", "Due this week", "Due soon"],
             [[r["WORKER"], r["CHILDREN"], r["OVERDUE"], r["THIS_WEEK"], r["LATER"]]
              for r in worker_rows]),
            ("By item", ["Item", "What", "Overdue", "Due this week", "Due soon"],
             [[r["ITEM"], r["WHAT"], r["OVERDUE"], r["THIS_WEEK"], r["LATER"]] for r in item_rows]),
        ]
        if with_teams:
            sheets.append(("By team", ["Team", "Children", "Overdue", "Due this week", "Due soon"],
                           [[r["TEAM"], r["CHILDREN"], r["OVERDUE"], r["THIS_WEEK"], r["LATER"]]
                            for r in team_rows]))
        if visible:
            sheets.append(_work_sheet(rows))
        return xlsx_response(filename, sheets, what=title, filters=filters.as_dict())
    return render(request, "grip/dashboard.html", {
        "title": title, "rows": rows, "filters": filters, "as_at": record.as_at,
        "worker_rows": worker_rows, "item_rows": item_rows, "team_rows": team_rows,
        "show_list": bool(visible), "export_url": _export_url(request),
        "totals": {b.replace("-", "_"): int((work["BUCKET"] == b).sum()) for b in BUCKETS},
        "children": scope.filter(pl.col("STATUS") != Child.Status.CLOSED).height,
        **_options(workers),
    })


def _export_url(request) -> str:
    """The page's .xlsx twin (every grip page is at /…/name/ with its export at /…/name.xlsx)."""
    return request.path.rstrip("/") + ".xlsx"


def _workers(users) -> dict[str, str]:
    return {str(u.pk): str(u) for u in users}


@roles(Role.TEAM_MANAGER)
def team_dashboard(request, export: bool = False):
    """The manager's team: overdue and due-soon work by worker and by item, caseloads, and the
    team's children's items with links to their records."""
    _authority(request)
    if request.user.team_id is None:
        raise Http404
    record = grip_record(request)
    scope = record.children.filter(pl.col("TEAM_ID") == request.user.team_id)
    members = User.objects.filter(team_id=request.user.team_id, role=Role.SOCIAL_WORKER)
    allocated = User.objects.filter(pk__in=[w for w in scope["WORKER_ID"].to_list() if w])
    return _dashboard(request, scope, title=f"{request.user.team}: team dashboard",
                      export=export, filename="team-dashboard.xlsx",
                      workers=_workers(members | allocated), with_teams=False)


@roles(Role.DIRECTOR)
def service_dashboard(request, export: bool = False):
    """The whole service's figures by worker, item and team. A director holds no relationship
    with any child, so the page shows counts and names workers, never children."""
    authority = _authority(request)
    record = grip_record(request)
    workers = User.objects.filter(authority=authority, role=Role.SOCIAL_WORKER)
    return _dashboard(request, record.children, title="Service dashboard", export=export,
                      filename="service-dashboard.xlsx", workers=_workers(workers),
                      with_teams=True)


REVIEW_SORTS = {"due": ("DUE", "NAME"), "child": ("NAME",), "last-review": ("LAST_REVIEW", "NAME")}


@roles(Role.IRO)
def upcoming_reviews(request, export: bool = False):
    """The IRO's children and their next statutory review, soonest (or most overdue) first."""
    _authority(request)
    record = grip_record(request)
    sort = request.GET.get("sort", "due")
    sort = sort if sort in REVIEW_SORTS else "due"
    children = Child.objects.visible_to(request.user).filter(status=Child.Status.LOOKED_AFTER)
    rows = review_rows(children, record.items.filter(pl.col("ITEM").is_in(REVIEW_ITEMS)),
                       record.as_at, REVIEW_SORTS[sort])
    if export:
        headers = ["Child", "Identifier", "Next review", "Due", "Status", "Last review",
                   "Last visit", "Seen", "Seen alone"]
        sheet = [[r["NAME"], r["CHILD"], r["TITLE"], r["DUE"], r["STATE"], r["LAST_REVIEW"],
                  r["LAST_VISIT"], r["SEEN"], r["SEEN_ALONE"]] for r in rows]
        return xlsx_response("upcoming-reviews.xlsx", [("Reviews", headers, sheet)],
                             what="upcoming reviews", filters={"sort": sort})
    return render(request, "grip/reviews.html", {
        "rows": rows, "sort": sort, "as_at": record.as_at,
        "sort_options": [("due", "Due date"), ("child", "Child"), ("last-review", "Last review")],
    })


ENTITLEMENT_SORTS = {"child": ("NAME", "FROM"), "from": ("FROM", "NAME"),
                     "entitlement": ("ENTITLEMENT", "NAME", "FROM")}


@roles(Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO, Role.EDUCATION, Role.DIRECTOR,
       Role.ANALYST)
def entitlements_page(request, export: bool = False):
    """Who is owed what, from when and how much. Case holders, IROs and education staff see their
    own children (education staff the school allowances only); directors and analysts see totals."""
    _authority(request)
    record = grip_record(request)
    get = request.GET
    kind = get.get("entitlement", "")
    kind = kind if kind in ENTITLEMENT_NAMES else ""
    period = "all" if get.get("period") == "all" else "current"
    sort = get.get("sort", "child")
    sort = sort if sort in ENTITLEMENT_SORTS else "child"
    rows = record.entitlements
    if kind:
        rows = rows.filter(pl.col("ENTITLEMENT") == kind)
    if period == "current":
        rows = rows.filter(pl.col("UNTIL").is_null() | (pl.col("UNTIL") >= record.as_at))
    child_level = request.user.role in CHILD_LEVEL_ENTITLEMENTS
    if child_level:
        rows = rows.filter(pl.col("PK").is_in(_visible_pks(request.user)))
        if request.user.role == Role.EDUCATION:
            rows = rows.filter(pl.col("ENTITLEMENT").is_in(EDUCATION_ENTITLEMENTS))
        listed = rows.sort(list(ENTITLEMENT_SORTS[sort]), nulls_last=True).with_columns(
            pl.col("ENTITLEMENT").replace_strict(ENTITLEMENT_NAMES).alias("LABEL")).to_dicts()
        totals = []
    else:
        listed, totals = [], entitlement_totals(rows)
    filters = {"entitlement": kind, "period": period, "sort": sort}
    if export:
        if child_level:
            sheet = ("Entitlements", ["Child", "Identifier", "Entitlement", "From", "Until",
                                      "Amount (£)", "Basis"],
                     [[r["NAME"], r["CHILD"], r["LABEL"], r["FROM"], r["UNTIL"], r["AMOUNT"],
                       r["BASIS"]] for r in listed])
        else:
            sheet = ("Entitlements", ["Entitlement", "Children", "Amount (£)"],
                     [[r["LABEL"], r["CHILDREN"], r["AMOUNT"]] for r in totals])
        return xlsx_response("entitlements.xlsx", [sheet], what="entitlements", filters=filters)
    return render(request, "grip/entitlements.html", {
        "rows": listed, "totals": totals, "child_level": child_level, "filters": filters,
        "as_at": record.as_at, "entitlement_options": sorted(ENTITLEMENT_NAMES.items()),
        "sort_options": [("child", "Child"), ("from", "From"), ("entitlement", "Entitlement")],
    })
