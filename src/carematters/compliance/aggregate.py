"""Management views of the items: rates per item, worker and team, and caseloads.

A rate counts the items that have fallen due or been done: on time / (on time + late +
overdue). Items not yet due are left out of the rate but counted, so a manager sees what is coming.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from carematters.data.caredata import CareData

UNALLOCATED = "unallocated"


def allocations_on(data: CareData, as_at: date) -> pl.DataFrame:
    """CHILD, SW_ID: each child's allocated social worker on `as_at`.

    The SWEpisodes allocation open on the day wins; failing that, the worker of the child's most
    recent visit on or before the day (the Visits extension records who visited).
    """
    sw = data["SWEpisodes"].filter(
        (pl.col("SW_DECOM") <= as_at) & (pl.col("SW_DEC").is_null() | (pl.col("SW_DEC") > as_at))
    ).sort("CHILD", "SW_DECOM").unique("CHILD", keep="last").select("CHILD", "SW_ID")
    visited = (
        data["Visits"]
        .filter((pl.col("VISIT_DATE") <= as_at) & pl.col("SW_ID").is_not_null())
        .sort("CHILD", "VISIT_DATE")
        .unique("CHILD", keep="last")
        .select("CHILD", "SW_ID")
        .join(sw, on="CHILD", how="anti")
    )
    return pl.concat([sw, visited])


def with_workers(
    items: pl.DataFrame,
    data: CareData,
    as_at: date,
    teams: Mapping[str, str] | None = None,
) -> pl.DataFrame:
    """Items with SW_ID (the child's worker on `as_at`) and TEAM (from the worker→team map)."""
    out = items.join(allocations_on(data, as_at), on="CHILD", how="left").with_columns(
        pl.col("SW_ID").fill_null(UNALLOCATED)
    )
    team = pl.col("SW_ID").replace_strict(dict(teams or {}), default=UNALLOCATED,
                                          return_dtype=pl.String)
    return out.with_columns(team.alias("TEAM"))


def _count(status: str) -> pl.Expr:
    return (pl.col("STATUS") == status).sum().alias(status.upper())


def rates(items: pl.DataFrame, by: Sequence[str] = ("ITEM",)) -> pl.DataFrame:
    """Per group: counts by status, DUE_OR_DONE, RATE (percentage on time, null when nothing
    fell due), and OVERDUE_NOW (overdue items whose duty still applies)."""
    counts = items.group_by(list(by)).agg(
        _count("done_on_time"), _count("done_late"), _count("overdue"),
        _count("due_soon"), _count("not_yet_due"),
        (pl.col("ACTIVE") & (pl.col("STATUS") == "overdue")).sum().alias("OVERDUE_NOW"),
        pl.col("CHILD").n_unique().alias("CHILDREN"),
    )
    judged = pl.col("DONE_ON_TIME") + pl.col("DONE_LATE") + pl.col("OVERDUE")
    rate = pl.when(judged > 0).then(100 * pl.col("DONE_ON_TIME") / judged)
    result = counts.with_columns(judged.alias("DUE_OR_DONE"), rate.alias("RATE"))
    if list(by) == ["ITEM"]:
        number = pl.col("ITEM").str.slice(1).cast(pl.Int32)
        return result.sort(number)
    return result.sort(list(by))


def caseloads(data: CareData, as_at: date, teams: Mapping[str, str] | None = None) -> pl.DataFrame:
    """SW_ID, TEAM, CHILDREN: how many children each worker holds on `as_at`, largest first."""
    allocated = allocations_on(data, as_at)
    team = pl.col("SW_ID").replace_strict(dict(teams or {}), default=UNALLOCATED,
                                          return_dtype=pl.String)
    return (
        allocated.group_by("SW_ID")
        .agg(pl.len().alias("CHILDREN"))
        .with_columns(team.alias("TEAM"))
        .select("SW_ID", "TEAM", "CHILDREN")
        .sort(["CHILDREN", "SW_ID"], descending=[True, False])
    )
