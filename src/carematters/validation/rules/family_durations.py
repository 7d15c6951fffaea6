"""How long a legal status or a temporary placement may last (Children Act 1989, PACE, CPPCR).

361-364: a run of consecutive episodes (each starting the day the last ended) under one legal
status may not exceed the statute's limit. 375, 376, 379: one temporary placement may not exceed
its limit. 377: at most two T3 placements in the year. An open episode is counted to 31 March.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from carematters.validation.context import ROW, Context
from carematters.validation.helpers import episode_end, offending
from carematters.validation.registry import Rule, rule

#: (code, message, LS, longest allowed in days)
STATUS_LIMITS = (
    ("361", "Police protection lasted longer than the 72 hours allowed", "L1", 3),
    ("362", "Emergency protection order lasted longer than 21 days", "L2", 21),
    ("363", "Child assessment order lasted longer than the 7 days allowed", "L3", 7),
    ("364", "Detention in authority accommodation under PACE lasted longer than allowed", "J2", 21),
)

#: (code, message, PLACE, longest allowed in days)
PLACEMENT_LIMITS = (
    ("375", "Hospital stay coded as a temporary placement (T1) exceeds six weeks", "T1", 42),
    ("376", "Temporary placement while the foster carer is on holiday (T3) exceeds three weeks",
     "T3", 21),
    ("379", "Temporary placement for an unspecified reason (T4) exceeds seven days", "T4", 7),
)


def _status_rule(code: str, message: str, status: str, days: int) -> Rule:
    def check(ctx: Context) -> pl.DataFrame:
        is_status = pl.col("LS") == status
        continues = (
            (pl.col("PREV_LS") == status) & (pl.col("PREV_DEC") == pl.col("DECOM"))
        ).fill_null(False)
        # ctx.episodes is sorted by child, so a running count of run starts over the whole
        # frame, a new child always starting a run, numbers the runs of every child apart (the
        # same runs as counting per child, without grouping 150,000 rows by child); the
        # windows then only see the few episodes under this status.
        child = pl.col("CHILD")
        same_child = child.shift(1).eq_missing(child) & (pl.int_range(pl.len()) > 0)
        runs = (
            ctx.episodes.lazy()
            .filter(pl.col("DECOM").is_not_null())
            .select(ROW, "CHILD", "LS", "DECOM", "DEC", "REC",
                    (~(continues & same_child)).cum_sum().alias("_RUN"))
            .filter(is_status)
            .with_columns(
                (episode_end(ctx.end).max().over("_RUN")
                 - pl.col("DECOM").min().over("_RUN")).dt.total_days().alias("_DAYS"))
            .collect()
        )
        return offending(runs, pl.col("_DAYS") > days)

    return Rule(code, message, ("Episodes",), ("LS", "DECOM", "DEC"), check)


def _placement_rule(code: str, message: str, place: str, days: int) -> Rule:
    def check(ctx: Context) -> pl.DataFrame:
        too_long = episode_end(ctx.end) > pl.col("DECOM") + timedelta(days=days)
        return offending(ctx.table("Episodes"), (pl.col("PLACE") == place) & too_long)

    return Rule(code, message, ("Episodes",), ("PLACE", "DECOM", "DEC"), check)


RULES = [_status_rule(*spec) for spec in STATUS_LIMITS] + [
    _placement_rule(*spec) for spec in PLACEMENT_LIMITS
]


@rule("377", "Only two temporary placements for a foster carer's holiday (T3) are allowed in "
      "12 months", tables=["Episodes"], fields=["PLACE"])
def rule_377(ctx: Context) -> pl.DataFrame:
    t3 = ctx.table("Episodes").filter(pl.col("PLACE") == "T3")
    return offending(t3, pl.len().over("CHILD") > 2)


@rule("378", "A child placed with parents (P1) cannot be accommodated under a single period of "
      "s20 accommodation (V2)", tables=["Episodes"], fields=["PLACE", "LS"])
def rule_378(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), (pl.col("PLACE") == "P1") & (pl.col("LS") == "V2"))
