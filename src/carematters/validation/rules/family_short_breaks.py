"""Short breaks (LS V3/V4, CPPCR reg 48; spec §1.1): 365, 366, 367, 382, 384, 426.

A V3 episode is one individual break. Breaks are limited to 17 days each and 75 days in any 12 months,
happen in one placement (so each break starts care: RNE S), and are never temporary (T0-T4) or
long-term foster (U1, U4) placements. An authority records breaks either individually (V3) or as
one agreement (V4), not both for one child in a year. An open break is counted to 31 March.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS, TEMPORARY_PLACEMENTS
from carematters.data.years import year_end
from carematters.validation.context import ROW, Context
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


@rule("367", "Short breaks must not exceed 75 days in any 12 months",
      tables=["Episodes"], fields=["LS", "DECOM", "DEC"])
def rule_367(ctx: Context) -> pl.DataFrame:
    # CPPCR reg 48: no more than 75 days of short breaks in any 12-month period. The busiest
    # 12 months always starts where a break starts or ends where one ends, so only those windows
    # are tried. Last year's breaks (when last year's return is given) count towards windows
    # that reach into this year; this year's breaks inside a window over 75 days are flagged.
    breaks = _v3_breaks(ctx).lazy()
    windows = pl.concat([
        breaks.select("CHILD", pl.col("_S").alias("_A"),
                      pl.col("_S").dt.offset_by("12mo").alias("_C")),
        breaks.select("CHILD", pl.col("_E").dt.offset_by("-12mo").alias("_A"),
                      pl.col("_E").alias("_C")),
    ]).filter(pl.col("_C") > pl.lit(ctx.start)).unique()
    overlap = (pl.min_horizontal("_E", "_C") - pl.max_horizontal("_S", "_A")).dt.total_days()
    # Every window of a child meets every break of theirs (about 1,000 pairs for a child with
    # 20 breaks over the two years): the streaming engine sums them in pieces rather than
    # holding them all at once.
    pairs = windows.join(breaks.select("CHILD", "_S", "_E"), on="CHILD").select(
        "CHILD", "_A", "_C", overlap.clip(lower_bound=0).alias("_D"))
    busy = (pairs.group_by("CHILD", "_A", "_C").agg(pl.col("_D").sum().alias("_DAYS"))
            .filter(pl.col("_DAYS") > 75))
    # Only breaks adding days to the window are flagged: one ending on or before its start (DEC
    # before DECOM, another rule's finding) adds none.
    inside = breaks.filter(pl.col("_THIS") & (pl.col("_E") > pl.col("_S"))).join(
        busy, on="CHILD").filter((pl.col("_E") > pl.col("_A")) & (pl.col("_S") < pl.col("_C")))
    return inside.select(pl.col("_ROW").alias(ROW), "CHILD").unique().collect(
        engine="streaming")


def _v3_breaks(ctx: Context) -> pl.DataFrame:
    """V3 breaks of this year and last year: CHILD, _S (start), _E (end; open ones to 31 March
    of their return's year), _THIS, _ROW. A break in both returns is taken from this year's."""
    def of(eps: pl.DataFrame, end: object, this: bool) -> pl.DataFrame:
        return eps.filter(V3 & pl.col("DECOM").is_not_null()).select(
            "CHILD", pl.col("DECOM").alias("_S"), episode_end(end).alias("_E"),
            pl.lit(this).alias("_THIS"), pl.col(ROW).alias("_ROW"))

    now = of(ctx.table("Episodes"), ctx.end, True)
    # Last year's return speaks for last year only: a DEC after its 31 March cannot be true there
    # (a break still running then is in this year's return, taken from there), so the real end
    # of such a break is unknown and it is left out rather than counted as months of breaks.
    last_end = year_end(ctx.year - 1)
    before = of(ctx.prev("Episodes"), last_end, False).filter(pl.col("_E") <= pl.lit(last_end))
    before = before.join(now, on=["CHILD", "_S"], how="anti")
    return pl.concat([now, before]).filter(pl.col("_E").is_not_null())


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
    # Only short-break episodes can be flagged, and V3 and V4 are both short breaks: the
    # per-child windows need only those rows.
    breaks = ctx.table("Episodes").lazy().filter(pl.col("LS").is_in(SHORT_BREAK_LS)).select(
        ROW, "CHILD", "LS").collect()
    both = (pl.col("LS") == "V3").any().over("CHILD") & (pl.col("LS") == "V4").any().over("CHILD")
    return offending(breaks, both)
