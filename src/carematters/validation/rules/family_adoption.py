"""Adoption: AD1 (children adopted) and PlacedAdoption (decisions to place), spec §1.4, §1.5.15.

Dates in order: decision to place (DATE_PLACED / DATE_INT) ≤ matching ≤ placement for adoption;
decisions agree between the two tables; the adopters' codes agree with each other; a placement
order (LS E1) or an adoption placement (A3-A6) needs a decision to place.
"""

from __future__ import annotations

import polars as pl

from carematters.data.codes import ADOPTED_REC, ADOPTION_PLACEMENTS
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, blank, offending, present
from carematters.validation.registry import rule

AD1_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
PLACED = pl.col("PLACE").is_in(ADOPTION_PLACEMENTS)


def _pairs(left: pl.DataFrame, right: pl.DataFrame, condition: pl.Expr,
           names: tuple[str, str]) -> dict[str, pl.DataFrame]:
    """Rows of two tables joined on CHILD where `condition` holds; both sides flagged."""
    joined = left.join(right, on="CHILD", how="inner", suffix="_R").filter(condition.fill_null(False))
    return {
        names[0]: joined.select(ROW, "CHILD").unique(ROW),
        names[1]: joined.select(pl.col(f"{ROW}_R").alias(ROW), "CHILD").unique(ROW),
    }


def _first_per_child(frame: pl.DataFrame, by: str, *, last: bool = False) -> pl.DataFrame:
    ordered = frame.filter(pl.col(by).is_not_null()).sort(["CHILD", by])
    return ordered.unique("CHILD", keep="last" if last else "first", maintain_order=True)


@rule("151", "All adoption items must be completed or all left blank",
      tables=["AD1"], fields=AD1_ITEMS)
def rule_151(ctx: Context) -> pl.DataFrame:
    all_ = pl.all_horizontal([present(c) for c in AD1_ITEMS])
    return offending(ctx.table("AD1"), any_present(AD1_ITEMS) & ~all_)


@rule("184", "Date of decision to place for adoption is before the child was born",
      tables=["PlacedAdoption"], fields=["DATE_PLACED"])
def rule_184(ctx: Context) -> pl.DataFrame:
    frame = ctx.with_dob(ctx.table("PlacedAdoption"))
    return offending(frame, pl.col("DATE_PLACED") < pl.coalesce("HEADER_DOB", "DOB"))


@rule("331", "Date matched with adopters must be on or before the date placed for adoption",
      tables=["AD1", "Episodes"], fields=["DATE_MATCH", "DECOM"])
def rule_331(ctx: Context) -> dict[str, pl.DataFrame]:
    adopted = ctx.table("Episodes").filter(pl.col("REC").is_in(ADOPTED_REC))
    return _pairs(ctx.table("AD1"), adopted, pl.col("DATE_MATCH") > pl.col("DECOM"),
                  ("AD1", "Episodes"))


@rule("333", "Date should be placed for adoption must be on or before the date matched",
      tables=["AD1"], fields=["DATE_INT", "DATE_MATCH"])
def rule_333(ctx: Context) -> pl.DataFrame:
    wrong = present("DATE_MATCH") & (blank("DATE_INT") | (pl.col("DATE_INT") > pl.col("DATE_MATCH")))
    return offending(ctx.table("AD1"), wrong)


@rule("335", "Adopted by former foster carers must agree with the last placement (A3/A5 with "
      "current carers, A4/A6 not)", tables=["Episodes", "AD1"], fields=["PLACE", "FOSTER_CARE"])
def rule_335(ctx: Context) -> dict[str, pl.DataFrame]:
    adopted = ctx.table("Episodes").filter(pl.col("REC").is_in(ADOPTED_REC))
    carer = pl.col("FOSTER_CARE").cast(pl.String)
    wrong = (pl.col("PLACE").is_in(["A3", "A5"]) & (carer == "0")) | (
        pl.col("PLACE").is_in(["A4", "A6"]) & (carer == "1")
    )
    return _pairs(adopted, ctx.table("AD1"), wrong, ("Episodes", "AD1"))


@rule("390", "Reason episode ceased is adopted but the child was not placed for adoption",
      tables=["Episodes"], fields=["REC", "PLACE"])
def rule_390(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), pl.col("REC").is_in(ADOPTED_REC) & ~PLACED.fill_null(False))


_ADOPTER_RULES = (
    # (code, message, legal status codes, sex codes required)
    ("514", "Adopters' legal status is single but their sex code shows a couple",
     ["L0"], ["M1", "F1"]),
    ("517", "Adopters are an unmarried different-sex couple (L3) so their sex code must be MF",
     ["L3"], ["MF"]),
    ("518", "Adopters are an unmarried same-sex couple (L4) so their sex code must be MM or FF",
     ["L4"], ["MM", "FF"]),
    ("519", "Adopters are civil partners (L2) so their sex code must show a couple",
     ["L2"], ["MM", "FF", "MF"]),
    ("520", "Adopters are a married different-sex couple (L11) so their sex code must be MF",
     ["L11"], ["MF"]),
    ("524", "Adopters are a married same-sex couple (L12) so their sex code must be MM or FF",
     ["L12"], ["MM", "FF"]),
)


def _adopter_rule(code: str, message: str, statuses: list[str], sexes: list[str]):
    @rule(code, message, tables=["AD1"], fields=["LS_ADOPTR", "SEX_ADOPTR"])
    def check(ctx: Context) -> pl.DataFrame:
        wrong = pl.col("LS_ADOPTR").is_in(statuses) & ~pl.col("SEX_ADOPTR").is_in(sexes).fill_null(False)
        return offending(ctx.table("AD1"), wrong)

    return check


RULES = [_adopter_rule(*spec) for spec in _ADOPTER_RULES]


@rule("511", "Two adopters, so the adopters' sex code must be MM, FF or MF",
      tables=["AD1"], fields=["NB_ADOPTR", "SEX_ADOPTR"])
def rule_511(ctx: Context) -> pl.DataFrame:
    two = pl.col("NB_ADOPTR").cast(pl.String) == "2"
    return offending(ctx.table("AD1"), two & ~pl.col("SEX_ADOPTR").is_in(["MM", "FF", "MF"]).fill_null(False))


@rule("521", "Decision that adoption is in the child's interests must be on or before placement "
      "for adoption", tables=["Episodes", "AD1"], fields=["PLACE", "DECOM", "DATE_INT"])
def rule_521(ctx: Context) -> dict[str, pl.DataFrame]:
    placed = ctx.table("Episodes").filter(PLACED)
    return _pairs(placed, ctx.table("AD1"), pl.col("DATE_INT") > pl.col("DECOM"),
                  ("Episodes", "AD1"))


@rule("522", "Decision to place for adoption must be on or before the decision to stop",
      tables=["PlacedAdoption"], fields=["DATE_PLACED", "DATE_PLACED_CEASED"])
def rule_522(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("PlacedAdoption"),
                     pl.col("DATE_PLACED_CEASED") < pl.col("DATE_PLACED"))


@rule("523", "Date of decision to place for adoption must equal the AD1 date should be placed",
      tables=["PlacedAdoption", "AD1"], fields=["DATE_PLACED", "DATE_INT"])
def rule_523(ctx: Context) -> dict[str, pl.DataFrame]:
    return _pairs(ctx.table("PlacedAdoption").filter(pl.col("DATE_PLACED").is_not_null()),
                  ctx.table("AD1").filter(pl.col("DATE_INT").is_not_null()),
                  pl.col("DATE_PLACED") != pl.col("DATE_INT"), ("PlacedAdoption", "AD1"))


@rule("525", "A child whose decision to place for adoption was reversed cannot be adopted",
      tables=["PlacedAdoption", "AD1"], fields=("DATE_PLACED_CEASED", *AD1_ITEMS))
def rule_525(ctx: Context) -> dict[str, pl.DataFrame]:
    reversed_ = ctx.table("PlacedAdoption").filter(present("DATE_PLACED_CEASED"))
    adopted = ctx.table("AD1").filter(any_present(AD1_ITEMS))
    return _pairs(reversed_, adopted, pl.lit(True), ("PlacedAdoption", "AD1"))


@rule("551", "Child placed for adoption but there is no decision that they should be placed",
      tables=["Episodes"], fields=["PLACE"])
def rule_551(ctx: Context) -> pl.DataFrame:
    decided = ctx.table("PlacedAdoption").filter(pl.col("DATE_PLACED").is_not_null()).select("CHILD")
    placed = ctx.table("Episodes").filter(PLACED.fill_null(False))
    return placed.join(decided.unique(), on="CHILD", how="anti").select(ROW, "CHILD")


@rule("552", "Decision to place for adoption must be on or before the date placed for adoption",
      tables=["PlacedAdoption", "Episodes"], fields=["DATE_PLACED", "DECOM", "PLACE"])
def rule_552(ctx: Context) -> dict[str, pl.DataFrame]:
    latest = _first_per_child(ctx.table("PlacedAdoption"), "DATE_PLACED", last=True)
    first_placed = _first_per_child(ctx.table("Episodes").filter(PLACED), "DECOM")
    return _pairs(latest, first_placed, pl.col("DATE_PLACED") > pl.col("DECOM"),
                  ("PlacedAdoption", "Episodes"))


@rule("553", "Placement order granted but there is no decision to place for adoption",
      tables=["Episodes", "PlacedAdoption"], fields=["LS", "DATE_PLACED_CEASED",
                                                     "REASON_PLACED_CEASED"])
def rule_553(ctx: Context) -> dict[str, pl.DataFrame]:
    eps, decisions = ctx.table("Episodes"), ctx.table("PlacedAdoption")
    order = eps.filter(pl.col("LS") == "E1")
    without = order.join(decisions.select("CHILD").unique(), on="CHILD", how="anti")
    # A placement order still in force means the decision cannot have been reversed.
    still_open = order.filter(pl.col("DEC").is_null())
    reversed_ = _pairs(still_open, decisions,
                       present("DATE_PLACED_CEASED") | present("REASON_PLACED_CEASED"),
                       ("Episodes", "PlacedAdoption"))
    return {"Episodes": without.select(ROW, "CHILD"), "PlacedAdoption": reversed_["PlacedAdoption"]}


@rule("554", "Decision to place for adoption must be on or before the placement order",
      tables=["Episodes", "PlacedAdoption"], fields=["LS", "DECOM", "DATE_PLACED"])
def rule_554(ctx: Context) -> dict[str, pl.DataFrame]:
    first_order = _first_per_child(ctx.table("Episodes").filter(pl.col("LS") == "E1"), "DECOM")
    return _pairs(first_order, ctx.table("PlacedAdoption"),
                  pl.col("DATE_PLACED") > pl.col("DECOM"), ("Episodes", "PlacedAdoption"))


@rule("558", "Child adopted, so the decision to place was not reversed: no date it ceased",
      tables=["Episodes"], fields=["REC"])
def rule_558(ctx: Context) -> pl.DataFrame:
    latest = _first_per_child(ctx.table("PlacedAdoption"), "DATE_PLACED", last=True)
    reversed_ = latest.filter(present("DATE_PLACED_CEASED")).select("CHILD")
    adopted = ctx.table("Episodes").filter(pl.col("REC").is_in(ADOPTED_REC))
    return adopted.join(reversed_, on="CHILD", how="semi").select(ROW, "CHILD")


@rule("1003", "Decision to place for adoption is before the child started to be looked after",
      tables=["Episodes", "PlacedAdoption"], fields=["DECOM", "DATE_PLACED"])
def rule_1003(ctx: Context) -> dict[str, pl.DataFrame]:
    first_start = _first_per_child(ctx.table("Episodes").filter(pl.col("RNE") == "S"), "DECOM")
    return _pairs(first_start, ctx.table("PlacedAdoption"),
                  pl.col("DATE_PLACED") < pl.col("DECOM"), ("Episodes", "PlacedAdoption"))
