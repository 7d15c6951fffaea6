"""Missing or away from placement without authorisation (spec §1.6: 574-578, 580).

Also 564-567, 570, 571, 581, 586. A missing period belongs to the period of care that began
most recently on or before the day the child went missing.
"""

from __future__ import annotations

import polars as pl

from carematters.validation.context import ROW, Context
from carematters.validation.helpers import blank, offending, present
from carematters.validation.registry import rule

FIELDS = ("MISSING", "MIS_START", "MIS_END")


def with_period(ctx: Context) -> pl.DataFrame:
    """Missing rows with the period of care they fall in (PERIOD_START/END; null if none)."""
    missing = ctx.table("Missing").filter(pl.col("MIS_START").is_not_null()).sort(
        ["CHILD", "MIS_START"]
    )
    periods = ctx.periods.select("CHILD", "PERIOD_START", "PERIOD_END").filter(
        pl.col("CHILD").is_not_null()
    )
    return missing.join_asof(
        periods, left_on="MIS_START", right_on="PERIOD_START", by="CHILD", strategy="backward",
        check_sortedness=False,
    )


@rule("564", "Missing type given but the date the child went missing is blank",
      tables=["Missing"], fields=["MISSING", "MIS_START"])
def rule_564(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Missing"), pl.col("MISSING").is_in(["M", "A"]) & blank("MIS_START"))


@rule("565", "Date the child went missing is given but the missing type is blank",
      tables=["Missing"], fields=["MISSING", "MIS_START"])
def rule_565(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Missing"), present("MIS_START") & blank("MISSING"))


@rule("566", "Date the missing period ended is given but the missing type is blank",
      tables=["Missing"], fields=["MISSING", "MIS_END"])
def rule_566(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Missing"), present("MIS_END") & blank("MISSING"))


@rule("567", "The missing period ended before it started",
      tables=["Missing"], fields=["MIS_START", "MIS_END"])
def rule_567(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Missing"), pl.col("MIS_END") < pl.col("MIS_START"))


@rule("570", "The child went missing after the end of the collection year",
      tables=["Missing"], fields=["MIS_START"])
def rule_570(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Missing"), pl.col("MIS_START") > ctx.end)


@rule("571", "The missing period ended before the start or after the end of the collection year",
      tables=["Missing"], fields=["MIS_END"])
def rule_571(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Missing"), ~pl.col("MIS_END").is_between(ctx.start, ctx.end))


@rule("574", "A missing period cannot start while the previous one is open or overlap it",
      tables=["Missing"], fields=FIELDS)
def rule_574(ctx: Context) -> pl.DataFrame:
    missing = ctx.table("Missing").filter(pl.col("MIS_START").is_not_null()).sort(
        ["CHILD", "MIS_START"]
    )
    previous_end = pl.col("MIS_END").shift(1).over("CHILD")
    has_previous = pl.int_range(pl.len()).over("CHILD") > 0
    return offending(missing, has_previous & (previous_end.is_null() | (pl.col("MIS_START") < previous_end)))


@rule("575", "The placement the child went missing from has ended, so the missing period needs "
      "an end date", tables=["Missing"], fields=FIELDS)
def rule_575(ctx: Context) -> pl.DataFrame:
    eps = ctx.table("Episodes").select("CHILD", "DECOM", "DEC").filter(pl.col("DEC").is_not_null())
    joined = ctx.table("Missing").filter(blank("MIS_END")).join(eps, on="CHILD", how="inner")
    within = (pl.col("MIS_START") >= pl.col("DECOM")) & (pl.col("MIS_START") <= pl.col("DEC"))
    return offending(joined, within).unique(ROW)


@rule("576", "Last year's open missing period is not the first missing period this year",
      tables=["Missing"], fields=FIELDS)
def rule_576(ctx: Context) -> pl.DataFrame:
    last_open = ctx.prev("Missing").filter(pl.col("MIS_END").is_null() & pl.col("MIS_START").is_not_null())
    first = (ctx.table("Missing").filter(pl.col("MIS_START").is_not_null())
             .sort(["CHILD", "MIS_START"]).unique("CHILD", keep="first", maintain_order=True))
    joined = first.join(last_open.select("CHILD", pl.col("MIS_START").alias("LAST_START")),
                        on="CHILD", how="inner")
    return offending(joined, pl.col("MIS_START") != pl.col("LAST_START")).unique(ROW)


@rule("577", "Child ceased to be looked after but a missing period has no end date",
      tables=["Missing"], fields=FIELDS)
def rule_577(ctx: Context) -> pl.DataFrame:
    found = with_period(ctx)
    ended = pl.col("PERIOD_END").is_not_null() & (pl.col("MIS_START") <= pl.col("PERIOD_END"))
    return offending(found, ended & blank("MIS_END"))


@rule("578", "The child went missing after they ceased to be looked after",
      tables=["Missing"], fields=FIELDS)
def rule_578(ctx: Context) -> pl.DataFrame:
    return offending(with_period(ctx), pl.col("MIS_START") > pl.col("PERIOD_END"))


@rule("580", "Child was missing when they ceased to be looked after at 18, so the reason must "
      "be E8", tables=["Episodes"], fields=["REC", "DEC"])
def rule_580(ctx: Context) -> pl.DataFrame:
    eps = ctx.episodes.lazy().filter(
        pl.col("REC").is_not_null() & (pl.col("REC") != "X1") & pl.col("DEC").is_not_null()
    ).select(
        ROW, "CHILD", "REC", "DEC", pl.col("DOB").dt.offset_by("18y").alias("_EIGHTEEN")
    ).collect()
    missing = ctx.table("Missing").select("CHILD", "MIS_START", "MIS_END")
    joined = eps.join(missing, on="CHILD", how="inner")
    missing_then = (pl.col("MIS_START") <= pl.col("DEC")) & (
        pl.col("MIS_END").is_null() | (pl.col("MIS_END") >= pl.col("DEC"))
    )
    at_18 = pl.col("DEC") == pl.col("_EIGHTEEN")
    return offending(joined, missing_then & at_18 & (pl.col("REC") != "E8")).unique(ROW)


@rule("581", "The child went missing before they started to be looked after",
      tables=["Missing"], fields=FIELDS)
def rule_581(ctx: Context) -> pl.DataFrame:
    return offending(with_period(ctx), pl.col("PERIOD_START").is_null())


@rule("586", "The child went missing before they were born",
      tables=["Missing"], fields=["MIS_START", "DOB"])
def rule_586(ctx: Context) -> pl.DataFrame:
    missing = ctx.with_dob(ctx.table("Missing"))
    return offending(missing, pl.col("MIS_START") < pl.coalesce("HEADER_DOB", "DOB"))
