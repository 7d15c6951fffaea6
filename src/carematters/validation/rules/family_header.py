"""The child's Header record: motherhood items, UPN and sex (spec §1.4 Header, §1.5.19).

Motherhood (MOTHER, MC_DOB) is asked of girls looked after in the year; the UPN is a 13-character
pupil number or an UN1-UN5 reason it is unknown.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from carematters.data.codes import SHORT_BREAK_LS
from carematters.data.years import age_on_expr
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, blank, in_cohort, offending, present
from carematters.validation.registry import rule

UPN_SHAPE = r"^([A-HJ-NP-RT-Z]\d{12}|[A-HJ-NP-RT-Z]\d{11}[A-Z]|UN[1-5])$"
MOTHER = pl.col("MOTHER").cast(pl.String)
FEMALE = pl.col("SEX").is_in(["F", "2"])
MALE = pl.col("SEX").is_in(["M", "1"])


def _in_care_during_year(ctx: Context) -> pl.DataFrame:
    """CHILD of children with an episode other than a short break touching the year."""
    eps = ctx.table("Episodes").lazy().filter(
        ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
        & (pl.col("DECOM") <= ctx.end)
        & (pl.col("DEC").is_null() | (pl.col("DEC") >= ctx.start))
    )
    return eps.select("CHILD").unique().collect()


@rule("165", "Mother status is not valid (0 or 1, and only for girls)",
      tables=["Header"], fields=["MOTHER", "SEX"])
def rule_165(ctx: Context) -> pl.DataFrame:
    invalid = present("MOTHER") & ~MOTHER.is_in(["0", "1"])
    found = offending(ctx.table("Header"), invalid | (present("MOTHER") & MALE))
    lost = ctx.unreadable("Header", "MOTHER").select(ROW, "CHILD")
    return pl.concat([found.select(ROW, pl.col("CHILD").cast(pl.String)), lost]).unique(ROW)


@rule("174", "Mother's child's date of birth is recorded but the child is male",
      tables=["Header"], fields=["SEX", "MC_DOB"])
def rule_174(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Header"), MALE & present("MC_DOB"))


@rule("232", "Sex of the child has been reported as unknown", tables=["Header"], fields=["SEX"],
      first_year=2025)
def rule_232(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Header"), pl.col("SEX") == "U")


@rule("393", "Child is looked after but the mother item is blank",
      tables=["Header"], fields=["MOTHER"])
def rule_393(ctx: Context) -> pl.DataFrame:
    header = in_cohort(ctx.table("Header"), _in_care_during_year(ctx))
    return offending(header, FEMALE & pl.col("IN_COHORT") & blank("MOTHER"))


@rule("607", "Child ceased to be looked after in the year but the mother item is blank",
      tables=["Header"], fields=["MOTHER"])
def rule_607(ctx: Context) -> pl.DataFrame:
    ceased = ctx.table("Episodes").lazy().filter(
        pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
        & pl.col("DEC").is_between(ctx.start, ctx.end)
        & ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
    ).select("CHILD").collect()
    header = in_cohort(ctx.table("Header"), ceased)
    return offending(header, FEMALE & pl.col("IN_COHORT") & blank("MOTHER"))


@rule("611", "Child is a mother but the date of birth of her child is blank",
      tables=["Header"], fields=["MOTHER", "MC_DOB"])
def rule_611(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Header"), (MOTHER == "1") & blank("MC_DOB"))


@rule("612", "Date of birth of the mother's child given but the child is not recorded as a mother",
      tables=["Header"], fields=["MOTHER", "MC_DOB"])
def rule_612(ctx: Context) -> pl.DataFrame:
    not_mother = blank("MOTHER") | (MOTHER == "0")
    return offending(ctx.table("Header"), FEMALE & not_mother & present("MC_DOB"))


@rule("620", "Child is recorded as a mother but is under 11 at the start of the year",
      tables=["Header"], fields=["MOTHER", "DOB"])
def rule_620(ctx: Context) -> pl.DataFrame:
    young = age_on_expr(pl.col("DOB"), ctx.start) < 11
    return offending(ctx.table("Header"), (MOTHER == "1") & young)


@rule("621", "Mother's date of birth is not before her child's",
      tables=["Header"], fields=["DOB", "MC_DOB"])
def rule_621(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Header"), pl.col("MC_DOB") <= pl.col("DOB"))


@rule("625", "Date of birth of the mother's child is after the end of the year or after she "
      "ceased to be looked after", tables=["Header"], fields=["MC_DOB"])
def rule_625(ctx: Context) -> pl.DataFrame:
    ceased = ctx.episodes.lazy().filter(  # each child's latest episode (IS_LAST)
        pl.col("IS_LAST") & pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
    ).select("CHILD", pl.col("DEC").alias("_CEASED")).collect()
    header = ctx.table("Header").join(ceased, on="CHILD", how="left")
    return offending(header, (pl.col("MC_DOB") > ctx.end) | (pl.col("MC_DOB") > pl.col("_CEASED")))


@rule("628", "Motherhood items are not needed for a care leaver not looked after in the year",
      tables=["Header"], fields=["MOTHER", "MC_DOB"])
def rule_628(ctx: Context) -> pl.DataFrame:
    leavers = ctx.table("OC3").filter(any_present(["IN_TOUCH", "ACTIV", "ACCOM"])).select("CHILD")
    header = ctx.table("Header").join(leavers.unique(), on="CHILD", how="semi")
    header = in_cohort(header, ctx.children_with_episodes, "HAS_EPISODES")
    return offending(header, ~pl.col("HAS_EPISODES") & present("MOTHER"))


@rule("168", "UPN is not valid; when unknown use UN1-UN5", tables=["Header"], fields=["UPN"])
def rule_168(ctx: Context) -> pl.DataFrame:
    shape = pl.col("UPN").str.contains(UPN_SHAPE)
    return offending(ctx.table("Header"), present("UPN") & ~shape.fill_null(False))


@rule("209", "Child of school age should not have the UPN code UN1 (not yet of school age)",
      tables=["Header"], fields=["UPN", "DOB"])
def rule_209(ctx: Context) -> pl.DataFrame:
    # School age: 4 by 31 August before the collection year began.
    reference = date(ctx.start.year - 1, 8, 31)
    school_age = age_on_expr(pl.col("DOB"), reference) >= 4
    return offending(ctx.table("Header"), (pl.col("UPN") == "UN1") & school_age)


@rule("210", "Child looked after for more than a week at 31 March should not have the UPN code "
      "UN4", tables=["Header"], fields=["UPN"])
def rule_210(ctx: Context) -> pl.DataFrame:
    week_before = ctx.end - timedelta(days=7)
    open_at_end = ctx.episodes.lazy().filter(
        ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)
        & (pl.col("DECOM") <= ctx.end) & (pl.col("DEC").is_null() | (pl.col("DEC") > ctx.end))
    ).select("CHILD", "PERIOD").collect()
    periods = ctx.periods.select("CHILD", "PERIOD", "PERIOD_START")
    long_stay = open_at_end.join(periods, on=["CHILD", "PERIOD"], how="left").filter(
        pl.col("PERIOD_START") < week_before
    )
    header = in_cohort(ctx.table("Header"), long_stay.select("CHILD"))
    return offending(header, pl.col("IN_COHORT") & (pl.col("UPN") == "UN4"))


@rule("442", "UPN is blank", tables=["Header"], fields=["UPN"])
def rule_442(ctx: Context) -> pl.DataFrame:
    not_breaks = ctx.table("Episodes").lazy().filter(
        ~pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False)).select("CHILD").collect()
    header = in_cohort(ctx.table("Header"), not_breaks)
    return offending(header, pl.col("IN_COHORT") & blank("UPN"))


@rule("444", "The same UPN is reported for more than one child", tables=["Header"],
      fields=["UPN"], first_year=2026)
def rule_444(ctx: Context) -> pl.DataFrame:
    header = ctx.table("Header").filter(present("UPN") & ~pl.col("UPN").str.starts_with("UN"))
    return offending(header, pl.col("CHILD").n_unique().over("UPN") > 1)


@rule("399", "Mother, review or participation items given for a child only on short breaks",
      tables=["Header", "Reviews"], fields=["MOTHER", "REVIEW", "REVIEW_CODE"])
def rule_399(ctx: Context) -> dict[str, pl.DataFrame]:
    eps = ctx.table("Episodes").filter(pl.col("CHILD").is_not_null())
    only_breaks = (
        eps.group_by("CHILD")
        .agg(pl.col("LS").is_in(SHORT_BREAK_LS).fill_null(False).all().alias("_ONLY"))
        .filter(pl.col("_ONLY"))
        .select("CHILD")
    )
    header = ctx.table("Header").join(only_breaks, on="CHILD", how="semi")
    reviews = ctx.table("Reviews").join(only_breaks, on="CHILD", how="semi")
    return {
        "Header": offending(header, present("MOTHER")),
        "Reviews": offending(reviews, present("REVIEW") | present("REVIEW_CODE")),
    }
