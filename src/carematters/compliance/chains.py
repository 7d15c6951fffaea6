"""The shape of a compliance item, its status, and the "next due after last done" chain.

A chain (reviews, visits, health assessments …) is a run of events for one anchor (a period of
care, a carer spell …) where each due date follows from the event before it. The k-th item is
due from the (k-1)-th event, so a chain is built for all children at once: rank each anchor's
events, pair each with the one before, and add one open item after the last.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

from carematters.compliance.context import Context

STATUSES = ("done_on_time", "done_late", "overdue", "due_soon", "not_yet_due")

ITEM_SCHEMA: dict[str, pl.DataType] = {
    "CHILD": pl.String(),
    "ITEM": pl.String(),
    "TITLE": pl.String(),
    "DUE": pl.Date(),
    "DONE": pl.Date(),
    "STATUS": pl.String(),
    "RULE": pl.String(),
    # True while the duty still applies on the as-at date (the child is still in that placement,
    # period of care or age band). An overdue item that is no longer active was missed.
    "ACTIVE": pl.Boolean(),
}


def status_expr(as_at: date, due_soon_days: int) -> pl.Expr:
    due, done = pl.col("DUE"), pl.col("DONE")
    return (
        pl.when(done.is_not_null() & (done <= due)).then(pl.lit("done_on_time"))
        .when(done.is_not_null()).then(pl.lit("done_late"))
        .when(due < as_at).then(pl.lit("overdue"))
        .when(due <= pl.lit(as_at) + pl.duration(days=due_soon_days)).then(pl.lit("due_soon"))
        .otherwise(pl.lit("not_yet_due"))
    )


def finish(frame: pl.DataFrame, ctx: Context, *, rule: str) -> pl.DataFrame:
    """Give a module's CHILD, ITEM, TITLE, DUE, DONE, ACTIVE frame its status, rule and schema.

    An optional FROM column is the first day the item could have been done on; it lets items
    whose window opened before the data began be left unjudged rather than called overdue.
    An optional LATE column serves clocks finer than a day (T30's 72 hours): true means the
    limit passed before the item was done (or before the end of the as-at day), even when the
    due day and the done day are the same, so the item is done late or overdue."""
    if "ACTIVE" not in frame.columns:
        frame = frame.with_columns(pl.lit(True).alias("ACTIVE"))
    judged = pl.col("DUE").is_not_null()
    if ctx.horizon is not None:
        judged &= pl.col("DUE") >= ctx.horizon
        if "FROM" in frame.columns:
            # A one-off item whose window opened before the data began may have been done then.
            judged &= pl.col("DONE").is_not_null() | (pl.col("FROM") >= ctx.horizon)
    status = status_expr(ctx.as_at, ctx.settings.due_soon_days)
    if "LATE" in frame.columns:
        late = pl.col("LATE").fill_null(False)
        status = (
            pl.when(late & pl.col("DONE").is_not_null()).then(pl.lit("done_late"))
            .when(late).then(pl.lit("overdue"))
            .otherwise(status)
        )
    return (
        frame.filter(judged)
        .with_columns(
            status.alias("STATUS"),
            pl.lit(rule).alias("RULE"),
            (pl.col("ACTIVE") & pl.col("DONE").is_null()).alias("ACTIVE"),
        )
        .select([pl.col(name).cast(dtype) for name, dtype in ITEM_SCHEMA.items()])
    )


def empty_items() -> pl.DataFrame:
    return pl.DataFrame(schema=ITEM_SCHEMA)


NextDue = Callable[[pl.Expr], pl.Expr]


def chain(
    anchors: pl.DataFrame,
    events: pl.DataFrame,
    *,
    first_due: pl.Expr,
    next_due: NextDue,
    horizon: date | None = None,
) -> pl.DataFrame:
    """Items of a "next due after the last one done" chain, for every anchor at once.

    anchors: CHILD, ANCHOR (unique per child), START (first day an event counts), END (last day;
    null while the anchor is open), STOP (no item falls due after it; may be null), plus any
    columns the due expressions read. events: CHILD, DATE.

    Returns the anchor's columns plus K (1 for the first item), FIRST (the anchor's very first
    item, e.g. the first review of a period), PREV (the event before), DUE, DONE and ACTIVE.
    The open item after the last event is kept while the anchor is open, or when it fell due
    before the anchor ended (a missed item).

    `horizon` is the first day the data covers. When the first item fell due before it, the
    events before it are unknown: we assume one happened the day the data begins [C], so the
    first item we can judge is due one interval after the horizon (and is not FIRST).
    """
    keys = ["CHILD", "ANCHOR"]
    matched = (
        anchors.join(events, on="CHILD", how="inner")
        .filter(
            (pl.col("DATE") >= pl.col("START"))
            & (pl.col("END").is_null() | (pl.col("DATE") <= pl.col("END")))
        )
        .sort([*keys, "DATE"])
        .with_columns(
            (pl.int_range(pl.len()).over(keys) + 1).alias("K"),
            pl.col("DATE").shift(1).over(keys).alias("PREV"),
        )
        .rename({"DATE": "DONE"})
    )
    last = matched.group_by(keys).agg(
        pl.col("K").max().alias("_n"), pl.col("DONE").max().alias("_last")
    )
    trailing = (
        anchors.join(last, on=keys, how="left")
        .with_columns(
            (pl.col("_n").fill_null(0) + 1).alias("K"),
            pl.col("_last").alias("PREV"),
            pl.lit(None, pl.Date).alias("DONE"),
        )
        .drop("_n", "_last")
    )
    carried = (pl.col("K") == 1) & (
        pl.lit(False) if horizon is None else first_due < pl.lit(horizon)
    )
    horizon_due = next_due(pl.lit(horizon, pl.Date)) if horizon is not None else first_due
    items = pl.concat([matched, trailing], how="diagonal_relaxed").with_columns(
        pl.when(carried).then(horizon_due)
        .when(pl.col("K") == 1).then(first_due)
        .otherwise(next_due(pl.col("PREV"))).alias("DUE"),
        ((pl.col("K") == 1) & ~carried).alias("FIRST"),
    )
    before_stop = pl.col("STOP").is_null() | (pl.col("DUE") <= pl.col("STOP"))
    keep_open = pl.col("END").is_null() | (pl.col("DUE") <= pl.col("END"))
    return items.filter(before_stop & (pl.col("DONE").is_not_null() | keep_open)).with_columns(
        pl.col("END").is_null().alias("ACTIVE")
    )


def first_event(
    anchors: pl.DataFrame, events: pl.DataFrame, start: pl.Expr, end: pl.Expr
) -> pl.DataFrame:
    """Anchors with DONE: the first event dated in [start, end] (end null = open), else null."""
    window = (pl.col("DATE") >= start) & (end.is_null() | (pl.col("DATE") <= end))
    firsts = (
        anchors.with_row_index("_anchor")
        .join(events, on="CHILD", how="inner")
        .filter(window)
        .group_by("_anchor")
        .agg(pl.col("DATE").min().alias("DONE"))
    )
    return (
        anchors.with_row_index("_anchor")
        .join(firsts, on="_anchor", how="left")
        .drop("_anchor")
    )
