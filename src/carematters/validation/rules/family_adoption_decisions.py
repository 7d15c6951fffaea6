"""Decisions that a child should (or should no longer) be placed for adoption over time:
PlacedAdoption against episodes and last year's return (117-119, 557, 559-561, 563, 579, 582-584).
"""

from __future__ import annotations

import polars as pl

from carematters.data.codes import ADOPTED_REC, ADOPTION_PLACEMENTS, SHORT_BREAK_LS
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import blank, given, offending, present
from carematters.validation.registry import rule

DECISION = ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")
EMPTY = {ROW: pl.Int64(), "CHILD": pl.String()}


def _pa_vs_episode(pa: pl.DataFrame, eps: pl.DataFrame, condition: pl.Expr) -> dict[str, pl.DataFrame]:
    joined = pa.join(eps.select(pl.col(ROW).alias("_EP_ROW"), "CHILD", "DECOM", "DEC"),
                     on="CHILD", how="inner").filter(condition.fill_null(False))
    return {
        "PlacedAdoption": joined.select(ROW, "CHILD").unique(ROW),
        "Episodes": joined.select(pl.col("_EP_ROW").alias(ROW), "CHILD").unique(ROW),
    }


@rule("117", "Date of a decision about adoption is after the collection year or after the child "
      "ceased to be looked after", tables=["PlacedAdoption", "Episodes"],
      fields=("DATE_PLACED", "DATE_PLACED_CEASED", "DEC"))
def rule_117(ctx: Context) -> dict[str, pl.DataFrame]:
    latest = ctx.episodes.lazy().filter(  # each child's latest episode (IS_LAST)
        pl.col("IS_LAST") & pl.col("REC").ne_missing("X1")).select(
        ROW, "CHILD", "DECOM", "DEC").collect()
    late = pl.max_horizontal("DATE_PLACED", "DATE_PLACED_CEASED")
    condition = (late > ctx.end) | (late > pl.col("DEC"))
    return _pa_vs_episode(ctx.table("PlacedAdoption"), latest, condition)


@rule("118", "Decision that the child should no longer be placed for adoption is before the "
      "collection year or before care began", tables=["PlacedAdoption", "Episodes"],
      fields=("DATE_PLACED_CEASED", "DECOM"))
def rule_118(ctx: Context) -> dict[str, pl.DataFrame]:
    eps = ctx.episodes.lazy().filter(~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
                                     & pl.col("DECOM").is_not_null())
    earliest = eps.select(ROW, "CHILD", "DECOM", "DEC").unique(
        "CHILD", keep="first", maintain_order=True).collect()
    ceased = pl.col("DATE_PLACED_CEASED")
    condition = (ceased < ctx.start) | (ceased < pl.col("DECOM"))
    return _pa_vs_episode(ctx.table("PlacedAdoption"), earliest, condition)


@rule("119", "Date and reason the child should no longer be placed for adoption must both be "
      "given or both blank", tables=["PlacedAdoption"],
      fields=["DATE_PLACED_CEASED", "REASON_PLACED_CEASED"])
def rule_119(ctx: Context) -> pl.DataFrame:
    # A date given but not a valid date counts as given (116 reports it).
    ceased = given(ctx, "PlacedAdoption", "DATE_PLACED_CEASED")
    return offending(ctx.table("PlacedAdoption"),
                     ceased != given(ctx, "PlacedAdoption", "REASON_PLACED_CEASED"))


@rule("557", "Child to be placed for adoption left care without being adopted, but the decision "
      "that they should no longer be placed is not completed", tables=["Episodes"],
      fields=("PLACE", "LS", "REC"))
def rule_557(ctx: Context) -> pl.DataFrame:
    eps = ctx.table("Episodes")
    left_not_adopted = (
        (pl.col("PLACE").is_in(ADOPTION_PLACEMENTS) | (pl.col("LS") == "E1"))
        & pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
        & ~pl.col("REC").is_in(ADOPTED_REC)
    )
    completed = ctx.table("PlacedAdoption").filter(
        present("DATE_PLACED_CEASED") & present("REASON_PLACED_CEASED")
    ).select("CHILD").unique()
    return eps.filter(left_not_adopted.fill_null(False)).join(
        completed, on="CHILD", how="anti").select(ROW, "CHILD")


@rule("559", "Decision to place for adoption was before this year but was not in last year's "
      "return", tables=["PlacedAdoption"], fields=["DATE_PLACED"])
def rule_559(ctx: Context) -> pl.DataFrame:
    if not ctx.has_previous:
        return pl.DataFrame(schema=EMPTY)
    last = ctx.prev("PlacedAdoption").select("CHILD").unique()
    earlier = ctx.table("PlacedAdoption").filter(pl.col("DATE_PLACED") < ctx.start)
    return earlier.join(last, on="CHILD", how="anti").select(ROW, "CHILD")


def _with_last(ctx: Context, last: pl.DataFrame) -> pl.DataFrame:
    renamed = last.select("CHILD", *[pl.col(c).alias(f"{c}_LAST") for c in DECISION])
    return ctx.table("PlacedAdoption").join(renamed, on="CHILD", how="inner")


@rule("560", "Decision to place for adoption differs from last year's, which had not been "
      "reversed", tables=["PlacedAdoption"], fields=["DATE_PLACED"])
def rule_560(ctx: Context) -> pl.DataFrame:
    open_last = ctx.prev("PlacedAdoption").filter(
        pl.col("DATE_PLACED").is_not_null() & blank("DATE_PLACED_CEASED")
    )
    joined = _with_last(ctx, open_last)
    return offending(joined, ~pl.col("DATE_PLACED").eq_missing(pl.col("DATE_PLACED_LAST")))


@rule("561", "Decision to place for adoption is the same as last year's, which was reversed "
      "last year", tables=["PlacedAdoption"], fields=["DATE_PLACED"])
def rule_561(ctx: Context) -> pl.DataFrame:
    reversed_last = ctx.prev("PlacedAdoption").filter(
        present("DATE_PLACED_CEASED") | present("REASON_PLACED_CEASED")
    )
    joined = _with_last(ctx, reversed_last)
    return offending(joined, pl.col("DATE_PLACED") == pl.col("DATE_PLACED_LAST"))


@rule("563", "Child should no longer be placed for adoption but the date of the decision to "
      "place is blank", tables=["PlacedAdoption"], fields=DECISION)
def rule_563(ctx: Context) -> pl.DataFrame:
    ceased = present("REASON_PLACED_CEASED") & present("DATE_PLACED_CEASED")
    return offending(ctx.table("PlacedAdoption"), ceased & blank("DATE_PLACED"))


@rule("579", "A new decision to place for adoption cannot start while the previous one is open "
      "or before it ceased", tables=["PlacedAdoption"], fields=DECISION)
def rule_579(ctx: Context) -> pl.DataFrame:
    pa = ctx.table("PlacedAdoption").filter(pl.col("DATE_PLACED").is_not_null()).sort(
        ["CHILD", "DATE_PLACED"]
    )
    previous_ceased = pl.col("DATE_PLACED_CEASED").shift(1).over("CHILD")
    has_previous = pl.int_range(pl.len()).over("CHILD") > 0
    wrong = previous_ceased.is_null() | (pl.col("DATE_PLACED") < previous_ceased)
    return offending(pa, has_previous & wrong)


@rule("582", "Adopted on the same date as matched with the adopters", tables=["Episodes"],
      fields=["REC", "DEC"])
def rule_582(ctx: Context) -> pl.DataFrame:
    adopted = ctx.table("Episodes").filter(pl.col("REC").is_in(ADOPTED_REC))
    matched = ctx.table("AD1").select("CHILD", "DATE_MATCH").filter(pl.col("DATE_MATCH").is_not_null())
    joined = adopted.join(matched, on="CHILD", how="inner")
    return offending(joined, pl.col("DEC") == pl.col("DATE_MATCH")).unique(ROW)


@rule("583", "More than one decision to place for adoption, but an earlier one has not been "
      "reversed", tables=["PlacedAdoption"], fields=DECISION)
def rule_583(ctx: Context) -> pl.DataFrame:
    pa = ctx.table("PlacedAdoption").filter(pl.col("DATE_PLACED").is_not_null())
    latest = pl.col("DATE_PLACED") == pl.col("DATE_PLACED").max().over("CHILD")
    return offending(pa, ~latest & blank("DATE_PLACED_CEASED"))


@rule("584", "Decision to place for adoption is not later than last year's, which was reversed",
      tables=["PlacedAdoption"], fields=["DATE_PLACED"])
def rule_584(ctx: Context) -> pl.DataFrame:
    reversed_last = ctx.prev("PlacedAdoption").filter(
        present("DATE_PLACED_CEASED") | present("REASON_PLACED_CEASED")
    )
    latest_reversed = reversed_last.sort(["CHILD", "DATE_PLACED"]).unique(
        "CHILD", keep="last", maintain_order=True
    )
    joined = _with_last(ctx, latest_reversed)
    not_later = blank("DATE_PLACED") | (pl.col("DATE_PLACED") <= pl.col("DATE_PLACED_LAST"))
    return offending(joined, not_later)
