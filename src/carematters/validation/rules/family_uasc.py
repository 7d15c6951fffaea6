"""The UASC flag against the date UASC status ceased (DUC): 105, 303, 205B, 205C.

The DfE XML gives every child a UASC flag (0/1) beside the optional DUC; the CSV layout has no
flag, only the UASC file listing who was unaccompanied. The readers keep the XML flag as sent
(Header column `UASC`) when it says more than the UASC rows do; otherwise the flag is derived from
the UASC rows (`ctx.uasc_flag`: 1 with a DUC or a UASC record, else 0). So these rules find the
faults a return can really carry: an XML flag that is not 0/1 or missing (105), a flag of 0 beside
a DUC (303, 205C), and DUCs that contradict a child being UASC in both years (205B). On a CSV
return the derived flag always agrees with the DUC, and only 205B can fire.
"""

from __future__ import annotations

import polars as pl

from carematters.validation.context import ROW, SENT_UASC, Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule

_EMPTY = pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})


def _flags(header: pl.DataFrame, alias: str) -> pl.DataFrame:
    """CHILD and the child's UASC flag (first Header row) as `alias`."""
    return (header.filter(pl.col("CHILD").is_not_null())
            .unique("CHILD", keep="first", maintain_order=True)
            .select("CHILD", pl.col("UASC").alias(alias)))


def _ducs(uasc: pl.DataFrame, alias: str) -> pl.DataFrame:
    """CHILD and the DUC of the child's first UASC row as `alias`."""
    return (uasc.filter(pl.col("CHILD").is_not_null())
            .unique("CHILD", keep="first", maintain_order=True)
            .select("CHILD", pl.col("DUC").alias(alias)))


@rule("105", "UASC status of the child is not valid (0 or 1) or has not been completed",
      tables=["Header"], fields=["UASC"])
def rule_105(ctx: Context) -> pl.DataFrame:
    header = ctx.table("Header")
    if SENT_UASC not in header.columns:
        # No flag sent (a CSV return) or every flag agreed with the UASC rows (all 0 or 1).
        return _EMPTY
    sent = pl.col(SENT_UASC).cast(pl.String).str.strip_chars()
    return offending(header, sent.is_null() | ~sent.is_in(["0", "1"]))


@rule("303", "Date UASC status ceased is given, so the UASC status must be 1",
      tables=["UASC", "Header"], fields=["DUC", "UASC"])
def rule_303(ctx: Context) -> dict[str, pl.DataFrame]:
    flags = _flags(ctx.uasc_flag, "_FLAG")
    # Inner join: a child with a DUC and no Header row has no flag to contradict (INT09 reports
    # them). A flag other than 0/1 or missing (null here) is not 1 either.
    with_duc = ctx.table("UASC").filter(pl.col("DUC").is_not_null()).join(flags, on="CHILD")
    wrong = offending(with_duc, pl.col("_FLAG").fill_null(0) != 1)
    header = ctx.table("Header").join(wrong.select("CHILD").unique(), on="CHILD", how="semi")
    return {"UASC": wrong, "Header": header.select(ROW, "CHILD")}


def _both_years(ctx: Context) -> pl.DataFrame:
    """Children of this year's Header with both years' flags and DUCs (nulls where none)."""
    return (
        _flags(ctx.uasc_flag, "FLAG")
        .join(_flags(ctx.prev_uasc_flag, "FLAG_LAST"), on="CHILD", how="left")
        .join(_ducs(ctx.table("UASC"), "DUC"), on="CHILD", how="left")
        .join(_ducs(ctx.prev("UASC"), "DUC_LAST"), on="CHILD", how="left")
    )


def _rows_of(ctx: Context, children: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """This year's UASC and Header rows of `children`."""
    return {
        name: ctx.table(name).join(children.select("CHILD"), on="CHILD", how="semi").select(
            ROW, "CHILD")
        for name in ("UASC", "Header")
    }


@rule("205B", "Child previously identified as UASC is also UASC this year, but date UASC "
      "ceased in both years does not support this", tables=["UASC"], fields=["DUC"])
def rule_205b(ctx: Context) -> pl.DataFrame:
    # UASC in both years: the status cannot have ceased before this year began. A DUC given last
    # year must be given again, unchanged (one status ceases once); with none last year, a DUC
    # this year must not fall before this year (last year's return would have shown it).
    if not ctx.has_previous:
        return _EMPTY
    both = _both_years(ctx).filter((pl.col("FLAG") == 1) & (pl.col("FLAG_LAST") == 1))
    duc, last = pl.col("DUC"), pl.col("DUC_LAST")
    contradicts = (
        (last.is_not_null() & ~duc.eq_missing(last))
        | (last.is_null() & (duc < ctx.start))
    )
    return _rows_of(ctx, both.filter(contradicts.fill_null(False)))["UASC"]


@rule("205C", "Child not identified as UASC either this year or last year but date UASC ceased "
      "has been provided", tables=["UASC", "Header"], fields=["DUC", "UASC"])
def rule_205c(ctx: Context) -> dict[str, pl.DataFrame]:
    if not ctx.has_previous:
        return {"UASC": _EMPTY, "Header": _EMPTY}
    both = _both_years(ctx)
    never = pl.col("FLAG").fill_null(0).ne(1) & pl.col("FLAG_LAST").fill_null(0).ne(1)
    given = pl.col("DUC").is_not_null() | pl.col("DUC_LAST").is_not_null()
    return _rows_of(ctx, both.filter(never & given))
