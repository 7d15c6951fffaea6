"""Deprivation of liberty orders (DoLo table, from the 2026-27 collection): 702-710.

Dates within the year and in order, no overlapping orders, an open order carried over from last
year, ended when care ends, and the placement types a child under an order can be in.
"""

from __future__ import annotations

import polars as pl

from carematters.validation.context import ROW, Context
from carematters.validation.helpers import blank, offending
from carematters.validation.registry import rule

FIRST = 2027
FIELDS = ("DOLO_START", "DOLO_END")
#: Placements a child under an order cannot be in (710) and those expected (709).
NOT_ALLOWED = ("K1", "P1", "R5", "K3")
EXPECTED = ("K2", "Z12", "Z13")


@rule("702", "The DoLO ended before it started", tables=["DoLo"], fields=FIELDS, first_year=FIRST)
def rule_702(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("DoLo"), pl.col("DOLO_END") < pl.col("DOLO_START"))


@rule("703", "The DoLO started after the end of the collection year", tables=["DoLo"],
      fields=["DOLO_START"], first_year=FIRST)
def rule_703(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("DoLo"), pl.col("DOLO_START") > ctx.end)


@rule("704", "The DoLO ended before the start or after the end of the collection year",
      tables=["DoLo"], fields=["DOLO_END"], first_year=FIRST)
def rule_704(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("DoLo"), ~pl.col("DOLO_END").is_between(ctx.start, ctx.end))


@rule("705", "A DoLO cannot start while the previous one is still open or overlap it",
      tables=["DoLo"], fields=FIELDS, first_year=FIRST)
def rule_705(ctx: Context) -> pl.DataFrame:
    orders = ctx.table("DoLo").filter(pl.col("DOLO_START").is_not_null()).sort(
        ["CHILD", "DOLO_START"]
    )
    previous_end = pl.col("DOLO_END").shift(1).over("CHILD")
    has_previous = pl.int_range(pl.len()).over("CHILD") > 0
    overlap = previous_end.is_null() | (pl.col("DOLO_START") < previous_end)
    return offending(orders, has_previous & overlap)


@rule("706", "Last year's open DoLO is not recorded at the start of this year",
      tables=["Header"], fields=["CHILD"], first_year=FIRST)
def rule_706(ctx: Context) -> pl.DataFrame:
    # The missing order has no row this year, so the child's Header row is flagged.
    last_open = ctx.prev("DoLo").filter(pl.col("DOLO_END").is_null() & pl.col("DOLO_START").is_not_null())
    carried = last_open.join(ctx.table("DoLo").select("CHILD", "DOLO_START"),
                             on=["CHILD", "DOLO_START"], how="anti")
    return ctx.table("Header").join(carried.select("CHILD").unique(), on="CHILD", how="semi").select(ROW, "CHILD")


@rule("707", "Child ceased to be looked after but a DoLO has no end date", tables=["DoLo"],
      fields=FIELDS, first_year=FIRST)
def rule_707(ctx: Context) -> pl.DataFrame:
    orders = ctx.table("DoLo").filter(pl.col("DOLO_START").is_not_null() & blank("DOLO_END"))
    orders = orders.sort(["CHILD", "DOLO_START"])
    periods = ctx.periods.select("CHILD", "PERIOD_START", "PERIOD_END").filter(
        pl.col("CHILD").is_not_null()
    )
    joined = orders.join_asof(periods, left_on="DOLO_START", right_on="PERIOD_START",
                              by="CHILD", strategy="backward", check_sortedness=False)
    return offending(joined, pl.col("PERIOD_END").is_not_null())


@rule("708", "The DoLO starts before the child's date of birth", tables=["DoLo"],
      fields=["DOLO_START", "DOB"], first_year=FIRST)
def rule_708(ctx: Context) -> pl.DataFrame:
    orders = ctx.with_dob(ctx.table("DoLo"))
    return offending(orders, pl.col("DOLO_START") < pl.coalesce("HEADER_DOB", "DOB"))


def _overlapping_episodes(ctx: Context) -> pl.DataFrame:
    """DoLo rows joined with each episode of the child that overlaps the order."""
    eps = ctx.table("Episodes").select(
        pl.col(ROW).alias("_EP_ROW"), "CHILD", "DECOM", "DEC", "PLACE"
    )
    joined = ctx.table("DoLo").filter(pl.col("DOLO_START").is_not_null()).join(
        eps, on="CHILD", how="inner"
    )
    overlap = (pl.col("DOLO_START") <= pl.col("DEC").fill_null(ctx.end)) & (
        pl.col("DOLO_END").fill_null(ctx.end) >= pl.col("DECOM")
    )
    return joined.filter(overlap.fill_null(False))


def _both(joined: pl.DataFrame, condition: pl.Expr) -> dict[str, pl.DataFrame]:
    hits = joined.filter(condition.fill_null(False))
    return {
        "DoLo": hits.select(ROW, "CHILD").unique(ROW),
        "Episodes": hits.select(pl.col("_EP_ROW").alias(ROW), "CHILD").unique(ROW),
    }


@rule("709", "Child with a DoLO is in an unexpected placement type",
      tables=["DoLo", "Episodes"], fields=("DOLO_START", "DOLO_END", "PLACE"), first_year=FIRST)
def rule_709(ctx: Context) -> dict[str, pl.DataFrame]:
    unexpected = ~pl.col("PLACE").is_in(EXPECTED + NOT_ALLOWED)
    return _both(_overlapping_episodes(ctx), unexpected)


@rule("710", "Child with a DoLO cannot be in a secure children's home, with parents, in a young "
      "offender institution or in supported accommodation", tables=["DoLo", "Episodes"],
      fields=("DOLO_START", "DOLO_END", "PLACE"), first_year=FIRST)
def rule_710(ctx: Context) -> dict[str, pl.DataFrame]:
    return _both(_overlapping_episodes(ctx), pl.col("PLACE").is_in(NOT_ALLOWED))
