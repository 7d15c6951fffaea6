"""Placement details: provider, Ofsted URN and reason for placement change (spec §1.5.6-1.5.9).

Provider codes allowed with each placement type (527-531, 550), provider present when needed
(526) and absent for temporary and other placements (213), URN needed or not (214, 218, 222), and
the reason for a placement change on the episode that ends with a move (225, 226, 233, 234).
"""

from __future__ import annotations

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS, TEMPORARY_PLACEMENTS
from carematters.validation.context import Context
from carematters.validation.helpers import blank, offending, present
from carematters.validation.registry import Rule, rule

OTHER_PLACEMENTS = ("Z1", "Z11", "Z12", "Z13", "Z14")
NO_PROVIDER = TEMPORARY_PLACEMENTS + OTHER_PLACEMENTS
NO_URN = ("P1", "P3", "R1", "R2", "R5", *TEMPORARY_PLACEMENTS, *OTHER_PLACEMENTS)
FOSTER_AND_ADOPTION = ("A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6")

#: (code, message, provider, placements it cannot go with)
PROVIDER_NOT_WITH = (
    ("527", "Provider PR1 (own authority) cannot be used with P1, R2 or R5", "PR1",
     ("P1", "R2", "R5")),
    ("528", "Provider PR2 (other authority) cannot be used with P1, R2 or R5", "PR2",
     ("P1", "R2", "R5")),
    ("529", "Provider PR3 (other public body) cannot be used with P1, A3-A6, K1, K2 or U1-U6",
     "PR3", ("P1", *FOSTER_AND_ADOPTION)),
    ("530", "Provider PR4 (private) cannot be used with P1", "PR4", ("P1",)),
    ("531", "Provider PR5 (voluntary) cannot be used with P1", "PR5", ("P1",)),
)


def _provider_rule(code: str, message: str, provider: str, places: tuple[str, ...]) -> Rule:
    def check(ctx: Context) -> pl.DataFrame:
        condition = (pl.col("PLACE_PROVIDER") == provider) & pl.col("PLACE").is_in(places)
        return offending(ctx.table("Episodes"), condition)

    return Rule(code, message, ("Episodes",), ("PLACE", "PLACE_PROVIDER"), check)


RULES = [_provider_rule(*spec) for spec in PROVIDER_NOT_WITH]


@rule("550", "Provider PR0 (parents) can only be used with placement P1",
      tables=["Episodes"], fields=["PLACE", "PLACE_PROVIDER"])
def rule_550(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"),
                     (pl.col("PLACE_PROVIDER") == "PR0") & (pl.col("PLACE") != "P1"))


@rule("526", "A placement provider is needed for this placement type",
      tables=["Episodes"], fields=["PLACE", "PLACE_PROVIDER"])
def rule_526(ctx: Context) -> pl.DataFrame:
    needs = pl.col("PLACE").is_not_null() & ~pl.col("PLACE").is_in(NO_PROVIDER)
    return offending(ctx.table("Episodes"), needs & blank("PLACE_PROVIDER"))


@rule("213", "Placement provider is not needed for temporary or other placements",
      tables=["Episodes"], fields=["PLACE", "PLACE_PROVIDER"])
def rule_213(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"),
                     pl.col("PLACE").is_in(NO_PROVIDER) & present("PLACE_PROVIDER"))


@rule("178", "Placement provider is not a valid code", tables=["Episodes"],
      fields=["PLACE_PROVIDER"])
def rule_178(ctx: Context) -> pl.DataFrame:
    valid = pl.col("PLACE_PROVIDER").is_in(["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"])
    return offending(ctx.table("Episodes"), present("PLACE_PROVIDER") & ~valid.fill_null(False))


@rule("214", "Placement postcode and URN are not needed for short breaks (V3/V4)",
      tables=["Episodes"], fields=["LS", "PL_POST", "URN"])
def rule_214(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"),
                     pl.col("LS").is_in(SHORT_BREAK_LS) & (present("PL_POST") | present("URN")))


@rule("218", "Ofsted URN is needed for this placement", tables=["Episodes"],
      fields=["PLACE", "URN"])
def rule_218(ctx: Context) -> pl.DataFrame:
    # Episodes touching the year, in a placement type that carries a URN. Short breaks are left
    # out: 214 says their URN must be blank, so demanding one would be a contradiction.
    touches_year = pl.col("DEC").is_null() | (pl.col("DEC") >= ctx.start)
    needs = pl.col("PLACE").is_not_null() & ~pl.col("PLACE").is_in(NO_URN)
    short_break = pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
    return offending(ctx.table("Episodes"), touches_year & needs & ~short_break & blank("URN"))


@rule("222", "Ofsted URN should not be given for this placement type", tables=["Episodes"],
      fields=["PLACE", "URN"])
def rule_222(ctx: Context) -> pl.DataFrame:
    given = present("URN") & (pl.col("URN") != "XXXXXXX")
    return offending(ctx.table("Episodes"), pl.col("PLACE").is_in(NO_URN) & given)


@rule("225", "Reason for placement change must be recorded", tables=["Episodes"],
      fields=["REASON_PLACE_CHANGE"])
def rule_225(ctx: Context) -> pl.DataFrame:
    # The episode ends in a move (the next one, the same day, is P, B, T or U) to or from a
    # non-temporary placement.
    moved = (
        (pl.col("REC") == "X1")
        & pl.col("NEXT_RNE").is_in(["P", "B", "T", "U"])
        & ~pl.col("PLACE").is_in(TEMPORARY_PLACEMENTS).fill_null(False)
        & ~pl.col("NEXT_PLACE").is_in(TEMPORARY_PLACEMENTS).fill_null(False)
    )
    return offending(ctx.episodes, moved & blank("REASON_PLACE_CHANGE"))


@rule("226", "Reason for placement change is not needed for a temporary placement",
      tables=["Episodes"], fields=["PLACE", "REASON_PLACE_CHANGE"])
def rule_226(ctx: Context) -> pl.DataFrame:
    # Neither the temporary episode nor the move into it counts as a change of placement.
    given = present("REASON_PLACE_CHANGE") | pl.col("PREV_REASON_PLACE_CHANGE").is_not_null()
    return offending(ctx.episodes, pl.col("PLACE").is_in(TEMPORARY_PLACEMENTS) & given)


@rule("233", "Reason for placement change is not needed while the episode has not ceased",
      tables=["Episodes"], fields=["DEC", "REASON_PLACE_CHANGE"])
def rule_233(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), blank("DEC") & present("REASON_PLACE_CHANGE"))


@rule("234", "A child under 10 cannot change placement because of admission to custody",
      tables=["Episodes"], fields=["REASON_PLACE_CHANGE", "DEC"])
def rule_234(ctx: Context) -> pl.DataFrame:
    # Age on the day of the move: when the episode ended.
    age = pl.coalesce("AGE_DEC", "AGE_DECOM")
    return offending(ctx.episodes, (pl.col("REASON_PLACE_CHANGE") == "CUSTOD") & (age < 10))
