"""More adoption checks against episodes: 199, 334, 336, 408, 516, 601, 602."""

from __future__ import annotations

import polars as pl

from carematters.data.codes import ADOPTED_REC
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, blank, offending
from carematters.validation.registry import rule

AD1_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
FOSTER_OR_ADOPTION = ("A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6")


def _adopted_in_year(ctx: Context) -> pl.DataFrame:
    return ctx.table("Episodes").filter(
        pl.col("REC").is_in(ADOPTED_REC) & pl.col("DEC").is_between(ctx.start, ctx.end)
    )


@rule("199", "The episodes show the child was previously adopted from care",
      tables=["Episodes"], fields=["DECOM", "REC"])
def rule_199(ctx: Context) -> pl.DataFrame:
    # A child adopted and looked after again gets a new identifier, so an episode starting after
    # an adoption (this year, last year, or an earlier year when the history is given) under
    # the same identifier is an error.
    parts = [ctx.table("Episodes").select("CHILD", "DEC", "REC"),
             ctx.prev("Episodes").select("CHILD", "DEC", "REC")]
    if ctx.has_history:
        parts.append(ctx.earlier("Episodes").select("CHILD", "DEC", "REC"))
    adoptions = pl.concat(parts).filter(pl.col("REC").is_in(ADOPTED_REC) & pl.col("DEC").is_not_null())
    first_adoption = adoptions.group_by("CHILD").agg(pl.col("DEC").min().alias("_ADOPTED"))
    eps = ctx.table("Episodes").join(first_adoption, on="CHILD", how="inner")
    # The adoption's own episode is not "after" it, even when its DEC is (wrongly) before its
    # DECOM: that is the date rules' finding.
    own = (pl.col("REC").is_in(ADOPTED_REC) & (pl.col("DEC") == pl.col("_ADOPTED"))).fill_null(False)
    return offending(eps, (pl.col("DECOM") >= pl.col("_ADOPTED")) & ~own)


@rule("334", "The latest period of care must begin on or before the decision that the child "
      "should be placed for adoption", tables=["Episodes", "AD1"], fields=["DECOM", "DATE_INT"])
def rule_334(ctx: Context) -> dict[str, pl.DataFrame]:
    starts = ctx.table("Episodes").filter((pl.col("RNE") == "S") & pl.col("DECOM").is_not_null())
    latest = starts.sort(["CHILD", "DECOM"]).unique("CHILD", keep="last", maintain_order=True)
    joined = latest.join(ctx.table("AD1").select(pl.col(ROW).alias("_AD_ROW"), "CHILD", "DATE_INT"),
                         on="CHILD", how="inner").filter(
        (pl.col("DATE_INT") < pl.col("DECOM")).fill_null(False))
    return {"Episodes": joined.select(ROW, "CHILD"),
            "AD1": joined.select(pl.col("_AD_ROW").alias(ROW), "CHILD")}


@rule("336", "The child was not in a foster placement immediately before being placed for "
      "adoption", tables=["Episodes"], fields=["PLACE"])
def rule_336(ctx: Context) -> pl.DataFrame:
    eps = ctx.episodes
    before = pl.col("PREV_PLACE").is_in(FOSTER_OR_ADOPTION).fill_null(False)
    condition = pl.col("PLACE").is_in(["A3", "A4"]) & ~pl.col("IS_FIRST") & ~before
    return offending(eps, condition)


@rule("408", "Child placed for adoption under a placement order (A5/A6) but no placement order "
      "(LS E1) is recorded", tables=["Episodes"], fields=["PLACE", "LS"])
def rule_408(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"),
                     pl.col("PLACE").is_in(["A5", "A6"]) & pl.col("LS").ne_missing("E1"))


@rule("516", "Special guardianship to former foster carers (E45/E46) needs a foster placement "
      "(U1-U6)", tables=["Episodes"], fields=["REC", "PLACE"])
def rule_516(ctx: Context) -> pl.DataFrame:
    foster = pl.col("PLACE").is_in(["U1", "U2", "U3", "U4", "U5", "U6"]).fill_null(False)
    return offending(ctx.table("Episodes"), pl.col("REC").is_in(["E45", "E46"]) & ~foster)


@rule("601", "The child was adopted in the year but the adoption items are not completed",
      tables=["Episodes", "AD1"], fields=("REC", *AD1_ITEMS))
def rule_601(ctx: Context) -> dict[str, pl.DataFrame]:
    adopted = _adopted_in_year(ctx)
    ad1 = ctx.table("AD1")
    incomplete = ad1.filter(pl.any_horizontal([blank(c) for c in AD1_ITEMS]))
    complete = ad1.join(incomplete.select("CHILD"), on="CHILD", how="anti").select("CHILD").unique()
    return {
        "Episodes": adopted.join(complete, on="CHILD", how="anti").select(ROW, "CHILD"),
        "AD1": incomplete.join(adopted.select("CHILD").unique(), on="CHILD", how="semi")
        .select(ROW, "CHILD"),
    }


@rule("602", "Adoption items are given but the episodes do not show the child adopted in the "
      "year", tables=["AD1"], fields=AD1_ITEMS)
def rule_602(ctx: Context) -> pl.DataFrame:
    ad1 = ctx.table("AD1").filter(any_present(AD1_ITEMS))
    return ad1.join(_adopted_in_year(ctx).select("CHILD").unique(), on="CHILD", how="anti").select(
        ROW, "CHILD")
