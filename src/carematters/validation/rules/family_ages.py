"""Age limits on episodes: who may start care, be in which placement or status, and leave how.

Ages are whole years (`data.years.age_on_expr`, 29 February convention) from the Header DOB,
on the day the episode began (AGE_DECOM) or ceased (AGE_DEC). Open episodes are checked too.
"""

from __future__ import annotations

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import episode_end, offending
from carematters.validation.registry import Rule, rule

#: (code, message, PLACE, minimum age on DECOM)
PLACEMENT_MINIMUM_AGE = (
    ("371", "Child in supported accommodation (K3) should be at least 16", "K3", 16),
    ("372", "Child in youth custody or prison (R5) should be at least 10", "R5", 10),
    ("373", "Child placed in a residential school (S1) should be at least 4", "S1", 4),
    ("374", "Child in residential employment (P3) should be at least 14", "P3", 14),
)

#: (code, message, REC codes, condition on the age at DEC)
CEASED_AGE = (
    ("386", "Reason episode ceased is adopted but the child had reached 18",
     ("E11", "E12"), lambda age: age >= 18),
    ("387", "Reason episode ceased is independent living but the child is under 14",
     ("E5", "E6"), lambda age: age < 14),
    ("389", "Reason episode ceased is transfer to adult social care but the child is under 16",
     ("E7",), lambda age: age < 16),
    ("407", "Reason episode ceased is a special guardianship order but the child had reached 18",
     ("E45", "E46", "E47", "E48"), lambda age: age >= 18),
    ("460", "Reason episode ceased is staying with current carers at 18+ but the child is under 18",
     ("E17",), lambda age: age < 18),
)


def _placement_rule(code: str, message: str, place: str, minimum: int) -> Rule:
    def check(ctx: Context) -> pl.DataFrame:
        return offending(ctx.episodes, (pl.col("PLACE") == place) & (pl.col("AGE_DECOM") < minimum))

    return Rule(code, message, ("Episodes",), ("PLACE", "DECOM"), check)


def _ceased_rule(code: str, message: str, reasons: tuple[str, ...], too) -> Rule:
    def check(ctx: Context) -> pl.DataFrame:
        return offending(ctx.episodes, pl.col("REC").is_in(reasons) & too(pl.col("AGE_DEC")))

    return Rule(code, message, ("Episodes",), ("REC", "DEC"), check)


RULES = [_placement_rule(*spec) for spec in PLACEMENT_MINIMUM_AGE] + [
    _ceased_rule(*spec) for spec in CEASED_AGE
]


@rule("301", "Date of birth is after the end of the collection year",
      tables=["Header"], fields=["DOB"])
def rule_301(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Header"), pl.col("DOB") > ctx.end)


@rule("302", "First episode starts before the child was born",
      tables=["Episodes"], fields=["DECOM"])
def rule_302(ctx: Context) -> pl.DataFrame:
    return offending(ctx.episodes, pl.col("IS_FIRST") & (pl.col("DECOM") < pl.col("DOB")))


@rule("351", "Child was over 25 at the start of the collection year",
      tables=["Header"], fields=["DOB"])
def rule_351(ctx: Context) -> pl.DataFrame:
    # Over 25 = the 25th birthday passed before 1 April (aged 25 on 1 April is not over).
    header = ctx.table("Header")
    past_25th = pl.col("DOB").dt.offset_by("25y") < ctx.start
    return offending(header, past_25th)


@rule("352", "Child who started to be looked after was aged 18 or over",
      tables=["Episodes"], fields=["RNE", "DECOM"])
def rule_352(ctx: Context) -> pl.DataFrame:
    return offending(ctx.episodes, (pl.col("RNE") == "S") & (pl.col("AGE_DECOM") >= 18))


@rule("358", "Child with a youth justice legal status (J1-J3) should not be under 10",
      tables=["Episodes"], fields=["LS", "DECOM"])
def rule_358(ctx: Context) -> pl.DataFrame:
    return offending(ctx.episodes,
                     pl.col("LS").is_in(["J1", "J2", "J3"]) & (pl.col("AGE_DECOM") < 10))


@rule("359", "Child looked after after their 18th birthday must be accommodated under s20(5) in a "
      "community home (V2, K2)", tables=["Episodes"], fields=["LS", "PLACE", "DEC"])
def rule_359(ctx: Context) -> pl.DataFrame:
    # An episode running past the 18th birthday (open at 31 March, or ceasing after it).
    eighteenth = pl.col("DOB").dt.offset_by("18y")
    runs_past = episode_end(ctx.end) > eighteenth
    s20_5 = (pl.col("LS") == "V2") & (pl.col("PLACE") == "K2")
    in_year = pl.col("DEC").is_null() | (pl.col("DEC") <= ctx.end)
    return offending(ctx.episodes, in_year & runs_past & ~s20_5.fill_null(False))


