"""Previous permanence (PrevPerm): 630, 632-635.

DATE_PERM may be partial (spec §1.2): zz/MM/YYYY (day unknown), zz/zz/YYYY (day and month
unknown) or zz/zz/zzzz (nothing known). A partial date is read as the latest day it could be, so
"before care began" is never failed by guessing too early.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, blank, in_cohort, offending, present
from carematters.validation.registry import rule

ITEMS = ("PREV_PERM", "LA_PERM", "DATE_PERM")
#: Local authority codes (DfE three-digit codes) and the codes for places outside England.
LA_CODES = frozenset(
    ["800", "889", "822", "301", "304", "303", "330", "825", "837", "302", "846", "370", "350", "890", "867", "380", "305", "801", "351", "873", "823", "895", "896", "381", "909", "202", "908", "331", "306", "841", "830", "831", "878", "371", "835", "332", "840", "307", "308", "811", "881", "845", "390", "916", "203", "876", "850", "311", "204", "884", "312", "205", "313", "805", "919", "310", "309", "420", "921", "206", "207", "886", "810", "382", "314", "340", "888", "208", "856", "383", "855", "209", "925", "341", "201", "821", "352", "806", "887", "826", "315", "929", "812", "391", "926", "892", "813", "802", "928", "891", "392", "316", "815", "353", "931", "879", "836", "851", "874", "807", "354", "317", "870", "318", "372", "857", "333", "935", "343", "803", "373", "342", "893", "356", "355", "871", "394", "334", "933", "882", "936", "861", "852", "319", "860", "808", "393", "866", "210", "357", "894", "883", "880", "358", "211", "937", "869", "320", "359", "865", "384", "335", "336", "212", "868", "872", "885", "344", "877", "213", "938", "816", "999", "WAL", "SCO", "NUK", "NIR"]
)
PERMANENCE_RULES_FROM = date(2016, 4, 1)


def perm_date() -> pl.Expr:
    """DATE_PERM as the latest date it could be; null when unknown or unreadable."""
    text = pl.col("DATE_PERM").cast(pl.String).str.strip_chars().str.to_lowercase()
    full = text.str.to_date("%d/%m/%Y", strict=False)
    month = pl.concat_str(pl.lit("01/"), text.str.slice(3)).str.to_date(
        "%d/%m/%Y", strict=False).dt.month_end()
    year = pl.concat_str(pl.lit("31/12/"), text.str.slice(6)).str.to_date("%d/%m/%Y", strict=False)
    return (
        pl.when(text.str.contains(r"^\d{2}/\d{2}/\d{4}$")).then(full)
        .when(text.str.contains(r"^zz/\d{2}/\d{4}$")).then(month)
        .when(text.str.contains(r"^zz/zz/\d{4}$")).then(year)
        .otherwise(None)
    )


def _readable() -> pl.Expr:
    text = pl.col("DATE_PERM").cast(pl.String).str.strip_chars().str.to_lowercase()
    return (text == "zz/zz/zzzz") | perm_date().is_not_null()


@rule("630", "Previous permanence information should be returned for a child starting care",
      tables=["Episodes"], fields=["RNE", "DECOM"])
def rule_630(ctx: Context) -> pl.DataFrame:
    starts = ctx.table("Episodes").filter((pl.col("RNE") == "S") & (pl.col("DECOM") >= ctx.start))
    perm = ctx.table("PrevPerm").unique("CHILD", keep="first", maintain_order=True).select(
        "CHILD", "PREV_PERM", "LA_PERM", "DATE_PERM", pl.lit(True).alias("_HAS")
    )
    joined = starts.join(perm, on="CHILD", how="left")
    # An order known to have been made (P1-P3) needs where and when.
    order = pl.col("PREV_PERM").is_in(["P1", "P2", "P3"])
    missing = pl.col("_HAS").is_null() | blank("PREV_PERM") | (
        order & (blank("LA_PERM") | blank("DATE_PERM"))
    )
    return offending(joined, missing)


@rule("632", "Date of the previous permanence order is not valid or not before care began",
      tables=["PrevPerm", "Episodes"], fields=["DATE_PERM", "DECOM"])
def rule_632(ctx: Context) -> dict[str, pl.DataFrame]:
    first = ctx.episodes.lazy().filter(pl.col("IS_FIRST") & pl.col("DECOM").is_not_null()).select(
        pl.col(ROW).alias("_EP_ROW"), "CHILD", "DECOM").collect()
    perm = ctx.table("PrevPerm").with_columns(perm_date().alias("_PERM"))
    joined = perm.join(first, on="CHILD", how="left")
    wrong = (present("DATE_PERM") & ~_readable()) | (pl.col("_PERM") >= pl.col("DECOM"))
    hits = joined.filter(wrong.fill_null(False))
    return {"PrevPerm": hits.select(ROW, "CHILD").unique(ROW),
            "Episodes": hits.filter(pl.col("_EP_ROW").is_not_null())
            .select(pl.col("_EP_ROW").alias(ROW), "CHILD").unique(ROW)}


@rule("633", "Local authority where the previous permanence was arranged is not a valid code",
      tables=["PrevPerm"], fields=["LA_PERM"])
def rule_633(ctx: Context) -> pl.DataFrame:
    valid = pl.col("LA_PERM").cast(pl.String).str.strip_chars().is_in(sorted(LA_CODES))
    return offending(ctx.table("PrevPerm"), present("LA_PERM") & ~valid.fill_null(False))


@rule("634", "Previous permanence given but the child has not started to be looked after since "
      "1 April 2016", tables=["PrevPerm"], fields=ITEMS)
def rule_634(ctx: Context) -> pl.DataFrame:
    # Only when every period of care visible began before 1 April 2016.
    recent = ctx.periods.filter(pl.col("PERIOD_START") >= PERMANENCE_RULES_FROM).select("CHILD")
    visible = ctx.periods.select("CHILD").unique()
    old_only = visible.join(recent.unique(), on="CHILD", how="anti")
    perm = in_cohort(ctx.table("PrevPerm"), old_only, "OLD_ONLY")
    return offending(perm, pl.col("OLD_ONLY") & any_present(ITEMS))


@rule("635", "No previous permanence (Z1), but the date or local authority of an order is given",
      tables=["PrevPerm"], fields=ITEMS)
def rule_635(ctx: Context) -> pl.DataFrame:
    given = present("LA_PERM") | (present("DATE_PERM") & (
        pl.col("DATE_PERM").cast(pl.String).str.to_lowercase() != "zz/zz/zzzz"))
    return offending(ctx.table("PrevPerm"), (pl.col("PREV_PERM") == "Z1") & given)
