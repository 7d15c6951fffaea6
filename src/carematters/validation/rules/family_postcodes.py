"""Postcodes and the URN placeholder: 392b, 392c, 392d, 242.

392c checks each postcode against the ONS postcode directory (`carematters.data.reference`,
offline). The rules on the placement authority and distance derived from the postcodes are in
`family_placement_location`.
"""

from __future__ import annotations

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS
from carematters.data.reference import lookup
from carematters.validation.context import Context
from carematters.validation.helpers import any_present, blank, offending, present
from carematters.validation.registry import rule

#: A UK postcode: outward code (area, district) and inward code (sector, unit); space optional.
POSTCODE = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"
RAA_PLACEMENTS = ("A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6")


def _uasc_children(ctx: Context) -> pl.DataFrame:
    uasc = pl.concat([ctx.table("UASC"), ctx.prev("UASC")], how="diagonal_relaxed")
    return uasc.filter(any_present(["SEX", "DUC"])).select("CHILD").unique()


@rule("392b", "Child is looked after but no postcodes are recorded", tables=["Episodes"],
      fields=["HOME_POST", "PL_POST"])
def rule_392b(ctx: Context) -> pl.DataFrame:
    # Children who are or were UASC may have no home postcode, so they are left out.
    uasc = _uasc_children(ctx)["CHILD"].drop_nulls().implode()
    not_uasc = ~pl.col("CHILD").is_in(uasc).fill_null(False)  # a null CHILD is not UASC
    not_break = ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
    return offending(ctx.table("Episodes"),
                     not_uasc & not_break & (blank("HOME_POST") | blank("PL_POST")))


@rule("392c", "Postcode is not a valid postcode", tables=["Episodes"],
      fields=["HOME_POST", "PL_POST"])
def rule_392c(ctx: Context) -> pl.DataFrame:
    # A postcode is valid when it is well formed and in the ONS postcode directory. Each
    # distinct postcode is judged once (a child's home postcode recurs on every episode).
    eps = ctx.table("Episodes")
    valid = _valid_postcodes(pl.concat([eps["HOME_POST"].cast(pl.String),
                                        eps["PL_POST"].cast(pl.String)])).implode()

    def bad(column: str) -> pl.Expr:
        return present(column) & ~pl.col(column).cast(pl.String).is_in(valid).fill_null(False)

    return offending(eps, bad("HOME_POST") | bad("PL_POST"))


def _valid_postcodes(values: pl.Series) -> pl.Series:
    """The distinct values that are well formed and in the directory."""
    distinct = values.cast(pl.String).drop_nulls().unique()
    text = distinct.str.strip_chars().str.to_uppercase()
    found = lookup(distinct)["LA"].is_not_null()
    return distinct.filter(text.str.contains(POSTCODE).fill_null(False) & found)


@rule("392d", "Home and placement postcodes should differ unless the child is placed with "
      "parents (P1)", tables=["Episodes"], fields=["HOME_POST", "PL_POST", "PLACE"])
def rule_392d(ctx: Context) -> pl.DataFrame:
    def norm(column: str) -> pl.Expr:
        return pl.col(column).cast(pl.String).str.replace_all(" ", "").str.to_uppercase()

    same = present("HOME_POST") & (norm("HOME_POST") == norm("PL_POST"))
    return offending(ctx.table("Episodes"), same & pl.col("PLACE").ne_missing("P1"))


@rule("242", "URN XXXXXXX can only be used for regional adoption agencies (adoption and "
      "fostering placements)", tables=["Episodes"], fields=["URN", "PLACE"], first_year=2026)
def rule_242(ctx: Context) -> pl.DataFrame:
    raa = pl.col("PLACE").is_in(RAA_PLACEMENTS).fill_null(False)
    return offending(ctx.table("Episodes"), (pl.col("URN") == "XXXXXXX") & ~raa)
