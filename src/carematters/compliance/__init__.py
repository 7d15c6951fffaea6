"""Statutory timescales as due / overdue items for every child (spec §3).

`evaluate(data, as_at)` runs every registered timescale module (`tNN_*.py`) and returns one frame:
CHILD, ITEM (T1…T32), TITLE, DUE, DONE, STATUS, RULE, ACTIVE. `carematters.compliance.aggregate`
turns it into rates per item, worker and team.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from carematters.compliance.chains import ITEM_SCHEMA, STATUSES, empty_items
from carematters.compliance.context import Context
from carematters.compliance.registry import Timescale, timescales
from carematters.compliance.settings import ComplianceSettings
from carematters.data.caredata import CareData

__all__ = [
    "ITEM_SCHEMA", "STATUSES", "ComplianceSettings", "Context", "Timescale", "evaluate",
    "timescales",
]

_STATUS_ORDER = {status: i for i, status in enumerate(("overdue", "due_soon", "not_yet_due",
                                                       "done_late", "done_on_time"))}


def evaluate(
    data: CareData,
    as_at: date | None = None,
    settings: ComplianceSettings | None = None,
    items: Iterable[str] | None = None,
    *,
    judge_missing_tables: bool = False,
) -> pl.DataFrame:
    """Every compliance item for every child as at `as_at` (default today), most urgent first.

    A timescale whose event table is absent from `data` (say, no Visits table at all) is skipped:
    with no record of visits we cannot tell late from unrecorded. An empty table is judged (the
    case record says nothing was done). `judge_missing_tables=True` judges them anyway.
    """
    ctx = Context(data, as_at or date.today(), settings or ComplianceSettings())
    wanted = set(items) if items is not None else None
    frames = [
        ts.function(ctx)
        for ts in timescales()
        if (wanted is None or wanted.intersection(ts.items))
        and (judge_missing_tables or all(name in data for name in ts.needs))
    ]
    result = pl.concat([empty_items(), *frames], how="vertical")
    if wanted is not None:
        result = result.filter(pl.col("ITEM").is_in(sorted(wanted)))
    order = pl.col("STATUS").replace_strict(_STATUS_ORDER, return_dtype=pl.Int8)
    return result.sort([order, "DUE", "CHILD", "ITEM"], nulls_last=True)
