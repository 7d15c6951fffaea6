"""How each episode links to the one before it (spec §1.1 episodes and periods of care).

A continuation episode starts the day the previous one ended with REC X1; a new period of care
starts with RNE S after an episode that ceased care. The reason for a new episode must match what
changed: L = legal status only, P/T = placement only, B/U = both.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule

PLACEMENT = ("PLACE", "PL_POST", "URN", "PLACE_PROVIDER")
CONTINUATION_RNE = ("P", "L", "T", "U", "B")
CEASED = pl.col("PREV_REC").is_not_null() & (pl.col("PREV_REC") != "X1")
HAS_PREV = pl.col("PREV_DECOM").is_not_null()
CONTIGUOUS = pl.col("PREV_DEC") == pl.col("DECOM")


def _placement_changed() -> pl.Expr:
    return pl.any_horizontal([~pl.col(c).eq_missing(pl.col(f"PREV_{c}")) for c in PLACEMENT])


def _status_changed() -> pl.Expr:
    return ~pl.col("LS").eq_missing(pl.col("PREV_LS"))


@rule("357", "The first episode ever must have reason for new episode S",
      tables=["Episodes"], fields=["RNE", "DECOM"])
def rule_357(ctx: Context) -> pl.DataFrame:
    # Only a first episode starting this year: an earlier one continues last year's return.
    first = pl.col("IS_FIRST") & (pl.col("DECOM") >= ctx.start)
    return offending(ctx.episodes, first & (pl.col("RNE") != "S"))


@rule("388", "Reason episode ceased is 'new episode begins' but no episode follows on that day "
      "(or the reverse)", tables=["Episodes"], fields=["REC", "DEC"])
def rule_388(ctx: Context) -> pl.DataFrame:
    has_next = pl.col("NEXT_DECOM").is_not_null()
    x1 = pl.col("REC") == "X1"
    wrong = (
        (has_next & x1 & pl.col("DEC").is_not_null() & (pl.col("DEC") != pl.col("NEXT_DECOM")))
        | (has_next & ~x1 & pl.col("REC").is_not_null() & (pl.col("DEC") == pl.col("NEXT_DECOM")))
        | (~has_next & x1 & pl.col("DEC").is_not_null())
    )
    return offending(ctx.episodes, pl.col("DECOM").is_not_null() & wrong)


@rule("431", "Reason for new episode is 'started to be looked after' but the previous episode "
      "ended that day or later", tables=["Episodes"], fields=["RNE", "DECOM"])
def rule_431(ctx: Context) -> pl.DataFrame:
    return offending(ctx.episodes, (pl.col("RNE") == "S") & (pl.col("DECOM") <= pl.col("PREV_DEC")))


@rule("432", "The child ceased to be looked after at the end of the previous episode but the new "
      "one is not 'started to be looked after'", tables=["Episodes"], fields=["RNE"])
def rule_432(ctx: Context) -> pl.DataFrame:
    return offending(ctx.episodes, HAS_PREV & CEASED & (pl.col("RNE") != "S"))


@rule("433", "A continuation episode does not start on the day the last episode finished",
      tables=["Episodes"], fields=["RNE", "DECOM"])
def rule_433(ctx: Context) -> pl.DataFrame:
    continuation = pl.col("RNE").is_in(CONTINUATION_RNE) & HAS_PREV
    return offending(ctx.episodes, continuation & ~CONTIGUOUS.fill_null(False))


@rule("434", "Reason for new episode is a change of legal status only, but the episodes do not "
      "show that", tables=["Episodes"], fields=("RNE", "LS", *PLACEMENT))
def rule_434(ctx: Context) -> pl.DataFrame:
    wrong = ~_status_changed() | _placement_changed()
    return offending(ctx.episodes, (pl.col("RNE") == "L") & HAS_PREV & CONTIGUOUS & wrong)


@rule("435", "Reason for new episode is a change of placement only, but the episodes do not "
      "show that", tables=["Episodes"], fields=("RNE", "LS", *PLACEMENT))
def rule_435(ctx: Context) -> pl.DataFrame:
    wrong = _status_changed() | ~_placement_changed()
    return offending(ctx.episodes,
                     pl.col("RNE").is_in(["P", "T"]) & HAS_PREV & CONTIGUOUS & wrong)


@rule("436", "Reason for new episode is a change of both placement and legal status, but the "
      "episodes do not show that", tables=["Episodes"], fields=("RNE", "LS", *PLACEMENT))
def rule_436(ctx: Context) -> pl.DataFrame:
    wrong = ~_status_changed() | ~_placement_changed()
    return offending(ctx.episodes,
                     pl.col("RNE").is_in(["B", "U"]) & HAS_PREV & CONTIGUOUS & wrong)


@rule("437", "Reason episode ceased is death or age assessment (18+), but there are later "
      "episodes", tables=["Episodes"], fields=["REC"])
def rule_437(ctx: Context) -> pl.DataFrame:
    later = pl.col("NEXT_DECOM").is_not_null()
    return offending(ctx.episodes, pl.col("REC").is_in(["E2", "E15"]) & later)


@rule("353", "No episode can start before 14 October 1991 (Children Act 1989 in force)",
      tables=["Episodes"], fields=["DECOM"])
def rule_353(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), pl.col("DECOM") < date(1991, 10, 14))


@rule("446", "Placement order (E1) is not valid for episodes starting before December 2005",
      tables=["Episodes"], fields=["LS", "DECOM"])
def rule_446(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"),
                     (pl.col("LS") == "E1") & (pl.col("DECOM") < date(2005, 12, 1)))
