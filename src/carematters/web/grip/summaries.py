"""Counts and lists behind the grip pages, from the engines' frames (pure Polars, plus the two
record facts the IRO list needs that no engine returns: the last review and the last visit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import polars as pl

from carematters.web.children import models as m
from carematters.web.grip.record import THIS_WEEK_DAYS

ENTITLEMENT_NAMES = {
    "ctf_topup": "Child Trust Fund top-up",
    "jisa": "Junior ISA contribution",
    "pea": "Personal education allowance",
    "pupil_premium_plus": "Pupil Premium Plus",
    "pupil_premium_plus_plac": "Pupil Premium Plus (previously looked after)",
    "he_bursary": "Higher education bursary",
    "staying_put": "Staying Put",
    "personal_adviser": "Personal adviser",
}


def _bucket_counts() -> list[pl.Expr]:
    return [
        (pl.col("BUCKET") == "overdue").sum().alias("OVERDUE"),
        (pl.col("BUCKET") == "this-week").sum().alias("THIS_WEEK"),
        (pl.col("BUCKET") == "later").sum().alias("LATER"),
    ]


def _open_cases(scope: pl.DataFrame) -> pl.DataFrame:
    return scope.filter(pl.col("STATUS") != "closed")


def caseloads(scope: pl.DataFrame, workers: dict[str, str]) -> pl.DataFrame:
    """WORKER_ID, WORKER, CHILDREN: children held (looked after or care leavers) per worker, with
    every worker offered on the page even when they hold none, and the unallocated as a row."""
    held = (
        _open_cases(scope)
        .with_columns(pl.col("WORKER_ID").cast(pl.String).fill_null(""))
        .group_by("WORKER_ID", "WORKER").agg(pl.len().alias("CHILDREN"))
    )
    everyone = pl.DataFrame({"WORKER_ID": list(workers), "WORKER": list(workers.values())},
                            schema={"WORKER_ID": pl.String, "WORKER": pl.String})
    return (
        everyone.join(held, on=["WORKER_ID", "WORKER"], how="full", coalesce=True)
        .with_columns(pl.col("CHILDREN").fill_null(0).cast(pl.Int64))
    )


def by_worker(work: pl.DataFrame, loads: pl.DataFrame) -> list[dict]:
    counts = (
        work.with_columns(pl.col("WORKER_ID").cast(pl.String).fill_null(""))
        .group_by("WORKER_ID", "WORKER").agg(_bucket_counts())
    )
    joined = loads.join(counts, on=["WORKER_ID", "WORKER"], how="full", coalesce=True)
    filled = joined.with_columns(pl.col(c).fill_null(0) for c in
                                 ("CHILDREN", "OVERDUE", "THIS_WEEK", "LATER"))
    return filled.sort(["OVERDUE", "THIS_WEEK", "WORKER"], descending=[True, True, False]).to_dicts()


def by_item(work: pl.DataFrame) -> list[dict]:
    counts = work.group_by("ITEM", "WHAT").agg(_bucket_counts())
    return counts.sort(pl.col("ITEM").str.slice(1).cast(pl.Int32)).to_dicts()


def by_team(work: pl.DataFrame, scope: pl.DataFrame) -> list[dict]:
    children = _open_cases(scope).group_by("TEAM").agg(pl.len().alias("CHILDREN"))
    counts = work.group_by("TEAM").agg(_bucket_counts())
    joined = children.join(counts, on="TEAM", how="full", coalesce=True)
    return joined.with_columns(
        pl.col(c).fill_null(0) for c in ("CHILDREN", "OVERDUE", "THIS_WEEK", "LATER")
    ).sort("TEAM").to_dicts()


def entitlement_totals(rows: pl.DataFrame) -> list[dict]:
    """Per entitlement: children and the total of the amounts known (null amounts add nothing)."""
    totals = rows.group_by("ENTITLEMENT").agg(
        pl.col("CHILD").n_unique().alias("CHILDREN"), pl.col("AMOUNT").sum().alias("AMOUNT"),
    )
    return totals.with_columns(
        pl.col("ENTITLEMENT").replace_strict(ENTITLEMENT_NAMES).alias("LABEL")
    ).sort("LABEL").to_dicts()


def _state(due: date | None, as_at: date) -> str:
    if due is None:
        return "No review due"
    if due < as_at:
        return "Overdue"
    if due < as_at + timedelta(days=THIS_WEEK_DAYS):
        return "Due this week"
    return "Not yet due"


def review_rows(children, review_items: pl.DataFrame, as_at: date,
                sort: Sequence[str]) -> list[dict]:
    """One row per child: the next review still to hold (the earliest open review item whose duty
    applies), the last review held, and whether the child was seen, and seen alone, at the last
    visit."""
    pending = (
        review_items.filter(pl.col("DONE").is_null() & (pl.col("ACTIVE")
                                                       | (pl.col("STATUS") != "overdue")))
        .sort("DUE").unique("CHILD", keep="first").select("CHILD", "TITLE", "DUE")
    )
    next_due = {r["CHILD"]: r for r in pending.to_dicts()}
    children = list(children)
    last_visit: dict = {}
    for visit in m.Visit.objects.filter(child__in=children).order_by("child_id", "-visit_date"):
        last_visit.setdefault(visit.child_id, visit)
    last_review: dict = {}
    for review in m.Review.objects.filter(child__in=children).order_by("child_id", "-review_date"):
        last_review.setdefault(review.child_id, review.review_date)
    rows = []
    for child in children:
        due = next_due.get(child.child_id, {})
        visit = last_visit.get(child.pk)
        rows.append({
            "PK": str(child.pk), "NAME": child.name, "CHILD": child.child_id,
            "TITLE": due.get("TITLE", ""), "DUE": due.get("DUE"),
            "STATE": _state(due.get("DUE"), as_at), "LAST_REVIEW": last_review.get(child.pk),
            "LAST_VISIT": visit.visit_date if visit else None,
            "SEEN": _yes_no(visit.seen) if visit else "",
            "SEEN_ALONE": _yes_no(visit.seen_alone) if visit else "",
        })
    return sorted(rows, key=lambda r: tuple(_sort_key(r[k]) for k in sort))


def _yes_no(flag: bool | None) -> str:
    return "Not recorded" if flag is None else ("Yes" if flag else "No")


def _sort_key(value) -> tuple:
    """Nulls last, everything else in its natural order."""
    return (value is None, value if value is not None else 0)
