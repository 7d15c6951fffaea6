"""Short breaks (LS V3/V4, CPPCR reg 48; spec §1.1): 365, 366, 367, 382, 384, 426.

A V3 episode is one individual break. Breaks are limited to 17 days each and 75 days in a year,
happen in one placement (so each break starts care: RNE S), and are never temporary (T0-T4) or
long-term foster (U1, U4) placements. An authority records breaks either individually (V3) or as
one agreement (V4), not both for one child in a year. An open break is counted to 31 March.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS, TEMPORARY_PLACEMENTS
from carematters.validation.context import Context
from carematters.validation.helpers import episode_end, offending
from carematters.validation.registry import rule

V3 = pl.col("LS") == "V3"


@rule("365", "An individual short break must not exceed 17 days",
      tables=["Episodes"], fields=["LS", "DECOM", "DEC"])
def rule_365(ctx: Context) -> pl.DataFrame:
    ended = episode_end(ctx.end)
    return offending(ctx.table("Episodes"), V3 & (ended > pl.col("DECOM") + timedelta(days=17)))


@rule("366", "A child cannot change placement during an individual short break",
      tables=["Episodes"], fields=["LS", "RNE"])
def rule_366(ctx: Context) -> pl.DataFrame:
    # Each V3 episode is a whole break, so it must begin care (RNE S); any other RNE means the
    # break was split by a move.
    return offending(ctx.table("Episodes"), V3 & (pl.col("RNE") != "S"))


@rule("367", "Short breaks must not exceed 75 days in the year",
      tables=["Episodes"], fields=["LS", "DECOM", "DEC"])
def rule_367(ctx: Context) -> pl.DataFrame:
    # Days of V3 breaks inside the collection year, summed per child; every V3 episode of a child
    # over the limit is flagged (the DfE's "any 12 months" judged on the collection year).
    start = pl.max_horizontal(pl.col("DECOM"), pl.lit(ctx.start))
    end = episode_end(ctx.end).clip(upper_bound=pl.lit(ctx.end))
    days = (end - start).dt.total_days().clip(lower_bound=0).fill_null(0)
    eps = ctx.table("Episodes").filter(V3 & pl.col("DECOM").is_not_null())
    eps = eps.with_columns(days.sum().over("CHILD").alias("_DAYS"))
    return offending(eps, pl.col("_DAYS") > 75)


@rule("382", "A child on short breaks cannot be in a temporary placement",
      tables=["Episodes"], fields=["LS", "PLACE"])
def rule_382(ctx: Context) -> pl.DataFrame:
    condition = pl.col("LS").is_in(SHORT_BREAK_LS) & pl.col("PLACE").is_in(TEMPORARY_PLACEMENTS)
    return offending(ctx.table("Episodes"), condition)


@rule("384", "A child on short breaks cannot be in a long-term foster placement",
      tables=["Episodes"], fields=["LS", "PLACE"])
def rule_384(ctx: Context) -> pl.DataFrame:
    condition = pl.col("LS").is_in(SHORT_BREAK_LS) & pl.col("PLACE").is_in(["U1", "U4"])
    return offending(ctx.table("Episodes"), condition)


@rule("426", "A child on short breaks cannot have both V3 and V4 legal statuses in the year",
      tables=["Episodes"], fields=["LS"])
def rule_426(ctx: Context) -> pl.DataFrame:
    eps = ctx.table("Episodes")
    both = (pl.col("LS") == "V3").any().over("CHILD") & (pl.col("LS") == "V4").any().over("CHILD")
    return offending(eps, both & pl.col("LS").is_in(SHORT_BREAK_LS))
