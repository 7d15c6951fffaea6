"""OC3, care leavers around their 17th-21st birthdays (spec §1.4, §1.5.12-14, §1.6).

134, 153, 187, 215 (which records may coexist), 344/345 (in-touch status against activity and
accommodation), 347/3001 (accommodation by age), 391/1007/1016 (who belongs in OC3).

The birthday reported on is the one falling in the collection year: the child's DOB plus their
age at 31 March (a 1 April birthday is the first day of the year).
"""

from __future__ import annotations

import polars as pl

from carematters.data.years import age_on_expr
from carematters.validation.context import Context
from carematters.validation.helpers import any_present, in_cohort, offending, present
from carematters.validation.registry import rule

OC3_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")
AD1_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
OC2_ITEMS = ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
             "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")


def oc3(ctx: Context) -> pl.DataFrame:
    """OC3 rows with AGE_END (age reached at this year's birthday) and BIRTHDAY (that date)."""
    frame = ctx.with_dob(ctx.table("OC3"))
    dob = pl.coalesce("DOB", "HEADER_DOB")
    frame = frame.with_columns(age_on_expr(dob, ctx.end).alias("AGE_END"), dob.alias("_DOB"))
    return frame.with_columns(
        pl.col("_DOB").dt.offset_by(pl.format("{}y", pl.col("AGE_END"))).alias("BIRTHDAY")
    )


def _eq(column: str, value: str) -> pl.Expr:
    return pl.col(column).cast(pl.String) == value


@rule("134", "Adoption data should not be given for a young person in the OC3 cohort",
      tables=["AD1"], fields=AD1_ITEMS)
def rule_134(ctx: Context) -> pl.DataFrame:
    with_oc3 = ctx.table("OC3").filter(any_present(OC3_ITEMS)).select("CHILD")
    ad1 = in_cohort(ctx.table("AD1"), with_oc3, "HAS_OC3")
    return offending(ad1, pl.col("HAS_OC3") & any_present(AD1_ITEMS))


@rule("153", "In touch, activity and accommodation must all be given or all be blank",
      tables=["OC3"], fields=OC3_ITEMS)
def rule_153(ctx: Context) -> pl.DataFrame:
    some = any_present(OC3_ITEMS)
    all_ = pl.all_horizontal([present(c) for c in OC3_ITEMS])
    return offending(ctx.table("OC3"), some & ~all_)


@rule("187", "A child looked after continuously for 12 months cannot have adoption or care "
      "leaver data", tables=["AD1", "OC3"], fields=AD1_ITEMS + OC3_ITEMS)
def rule_187(ctx: Context) -> dict[str, pl.DataFrame]:
    ad1 = in_cohort(ctx.table("AD1"), ctx.oc2_cohort)
    leavers = in_cohort(ctx.table("OC3"), ctx.oc2_cohort)
    return {
        "AD1": offending(ad1, pl.col("IN_COHORT") & any_present(AD1_ITEMS)),
        "OC3": offending(leavers, pl.col("IN_COHORT") & any_present(OC3_ITEMS)),
    }


@rule("215", "A care leaver with OC3 data cannot have items for children looked after 12 months",
      tables=["OC3", "OC2"], fields=OC3_ITEMS + OC2_ITEMS)
def rule_215(ctx: Context) -> dict[str, pl.DataFrame]:
    leavers = ctx.table("OC3").filter(any_present(OC3_ITEMS))
    outcomes = ctx.table("OC2").filter(any_present(OC2_ITEMS))
    return {
        "OC3": offending(in_cohort(leavers, outcomes, "BOTH"), pl.col("BOTH")),
        "OC2": offending(in_cohort(outcomes, leavers, "BOTH"), pl.col("BOTH")),
    }


@rule("344", "Young person died or returned home for 6 months, but activity or accommodation "
      "is completed", tables=["OC3"], fields=OC3_ITEMS)
def rule_344(ctx: Context) -> pl.DataFrame:
    completed = (present("ACTIV") & ~_eq("ACTIV", "0")) | (present("ACCOM") & ~_eq("ACCOM", "0"))
    return offending(ctx.table("OC3"), pl.col("IN_TOUCH").is_in(["DIED", "RHOM"]) & completed)


@rule("345", "Authority in touch with the young person but activity or accommodation is 0",
      tables=["OC3"], fields=OC3_ITEMS)
def rule_345(ctx: Context) -> pl.DataFrame:
    zero = _eq("ACTIV", "0") | _eq("ACCOM", "0")
    return offending(ctx.table("OC3"), (pl.col("IN_TOUCH") == "YES") & zero)


@rule("347", "A care leaver under 18 cannot be accommodated in a foyer",
      tables=["OC3"], fields=["ACCOM", "DOB"], first_year=2024)
def rule_347(ctx: Context) -> pl.DataFrame:
    return offending(oc3(ctx), pl.col("ACCOM").is_in(["T1", "T2"]) & (pl.col("AGE_END") < 18))


@rule("3001", "Around the 17th birthday a care leaver cannot be living with former foster carers",
      tables=["OC3"], fields=["ACCOM", "DOB"])
def rule_3001(ctx: Context) -> pl.DataFrame:
    return offending(oc3(ctx), pl.col("ACCOM").is_in(["Z1", "Z2"]) & (pl.col("AGE_END") == 17))


@rule("391", "Young person was not 17 or older during the collection year",
      tables=["OC3"], fields=("DOB", *OC3_ITEMS))
def rule_391(ctx: Context) -> pl.DataFrame:
    return offending(oc3(ctx), (pl.col("AGE_END") < 17) & any_present(OC3_ITEMS))


def _oc3_with_episodes(ctx: Context) -> pl.DataFrame:
    leavers = oc3(ctx).filter(pl.col("AGE_END").is_in([17, 18]) & any_present(OC3_ITEMS))
    eps = ctx.table("Episodes").select("CHILD", "DECOM", "DEC")
    return leavers.join(eps, on="CHILD", how="inner")


@rule("1007", "Care leaver data not needed for a 17- or 18-year-old looked after on that birthday",
      tables=["OC3"], fields=("DOB", *OC3_ITEMS))
def rule_1007(ctx: Context) -> pl.DataFrame:
    joined = _oc3_with_episodes(ctx)
    day = pl.col("BIRTHDAY")
    in_care = (pl.col("DECOM") <= day) & (pl.col("DEC").is_null() | (pl.col("DEC") > day))
    return offending(joined, in_care).unique("_row")


@rule("1016", "Care leaver data not needed for a 17- or 18-year-old who ceased to be looked "
      "after after that birthday", tables=["OC3"], fields=("DOB", *OC3_ITEMS), first_year=2024)
def rule_1016(ctx: Context) -> pl.DataFrame:
    # Ceasing on the birthday itself counts: the young person was looked after that day.
    joined = _oc3_with_episodes(ctx)
    return offending(joined, pl.col("DEC") >= pl.col("BIRTHDAY")).unique("_row")
