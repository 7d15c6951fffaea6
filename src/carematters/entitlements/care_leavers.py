"""Entitlements of care leavers: higher-education bursary, Staying Put, personal adviser to 25
(spec §4.3-4.5). Care-leaver status comes from `carematters.compliance.eligibility`.

* HE bursary (CA 1989 s23C(5A); HE Bursary Regulations 2009): £2,000 for a former relevant
  child in higher education, for courses from 1 September 2008. The data has no course records;
  an OC3 activity of higher education (F1/P1) is taken as the evidence [C]. Amounts already paid
  are not in the data, so the row shows the full amount.
* Staying Put (CA 1989 s23CZA, from 13 May 2014): a former relevant child in foster care on the
  18th birthday may stay with the former foster carers to 21, with support to the carer.
* Personal adviser (CA 1989 s23C, s23CA; Children and Social Work Act 2017 s3): to 21, or to 25
  when in education; from 1 April 2018 to 25 for every former relevant care leaver who asks.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from carematters.compliance.context import Context
from carematters.compliance.eligibility import care_leavers
from carematters.entitlements._base import birthday, day_before, finish, with_evidence
from carematters.entitlements.parameters import DEFAULT_PARAMETERS, Parameter, amount_on

HIGHER_EDUCATION = ("F1", "P1")
IN_EDUCATION = ("F1", "P1", "F2", "P2")
FOSTER_PLACES = ("U1", "U2", "U3", "U4", "U5", "U6")
STAYING_PUT_FROM = date(2014, 5, 13)
PA_TO_25_FROM = date(2018, 4, 1)
HE_BURSARY_FROM = date(2008, 9, 1)


def former_relevant(ctx: Context) -> pl.DataFrame:
    """Eligible children who were eligible before 18 and have left care (or turned 18)."""
    people = care_leavers(ctx.data["Episodes"], ctx.dob, ctx.as_at, ctx.settings.eligible_days)
    return people.filter(
        pl.col("LEFT_CARE").is_not_null() | (birthday(pl.col("DOB"), 18) <= ctx.as_at)
    ).filter(pl.col("END_REASON").ne_missing("E2"))


def he_bursary(ctx: Context, parameters: tuple[Parameter, ...] = DEFAULT_PARAMETERS) -> pl.DataFrame:
    in_he = ctx.data["OC3"].filter(pl.col("ACTIV").is_in(HIGHER_EDUCATION)).drop("DOB")
    rows = former_relevant(ctx).join(in_he, on="CHILD", how="inner").with_columns(
        pl.max_horizontal(birthday(pl.col("DOB"), 18), pl.lit(HE_BURSARY_FROM)).alias("FROM"),
    ).filter(pl.col("FROM") <= ctx.as_at)
    rows = with_evidence(amount_on(rows, "he_bursary", "FROM", parameters), "OC3", "ACTIV")
    return finish(rows.with_columns(
        pl.lit("he_bursary").alias("ENTITLEMENT"),
        pl.lit(None, pl.Date).alias("UNTIL"),
        pl.lit("HE bursary: former relevant child in higher education (total, less any paid)")
        .alias("BASIS"),
    ))


def staying_put(ctx: Context) -> pl.DataFrame:
    """Former relevant children in foster care on their 18th birthday."""
    eighteen = birthday(pl.col("DOB"), 18)
    on_birthday = (pl.col("DECOM") < eighteen) & (
        pl.col("DEC").is_null() | (pl.col("DEC") >= eighteen)
    )
    rows = (
        ctx.episodes.join(former_relevant(ctx).select("CHILD", "DOB"), on="CHILD", how="inner")
        .filter(on_birthday & pl.col("PLACE").is_in(FOSTER_PLACES))
        .filter((eighteen >= STAYING_PUT_FROM) & (eighteen <= ctx.as_at))
        .unique("CHILD", keep="first")
    )
    stayed = pl.col("REC") == "E17"
    rows = with_evidence(rows, "Episodes", "DECOM", "PLACE", "DEC", "REC")
    return finish(rows.with_columns(
        pl.lit("staying_put").alias("ENTITLEMENT"),
        eighteen.alias("FROM"),
        day_before(birthday(pl.col("DOB"), 21)).alias("UNTIL"),
        pl.lit(None, pl.Float64).alias("AMOUNT"),
        pl.when(stayed.fill_null(False))
        .then(pl.lit("Staying Put to 21: in foster care at 18 and stayed with the carers (E17)"))
        .otherwise(pl.lit("Staying Put to 21 if wanted: in foster care at 18")).alias("BASIS"),
    ))


def personal_adviser(ctx: Context) -> pl.DataFrame:
    people = care_leavers(ctx.data["Episodes"], ctx.dob, ctx.as_at, ctx.settings.eligible_days)
    studying = ctx.data["OC3"].filter(pl.col("ACTIV").is_in(IN_EDUCATION)).select("CHILD")
    in_education = pl.col("CHILD").is_in(studying["CHILD"].implode())
    to_25 = (birthday(pl.col("DOB"), 25) > PA_TO_25_FROM) | in_education
    rows = with_evidence(
        people.filter(pl.col("END_REASON").ne_missing("E2")).rename({"EVIDENCE_DECOM": "DECOM"}),
        "Episodes", "DECOM",
    )
    return finish(rows.with_columns(
        pl.lit("personal_adviser").alias("ENTITLEMENT"),
        pl.col("ELIGIBLE_FROM").alias("FROM"),
        pl.when(to_25).then(day_before(birthday(pl.col("DOB"), 25)))
        .otherwise(day_before(birthday(pl.col("DOB"), 21))).alias("UNTIL"),
        pl.lit(None, pl.Float64).alias("AMOUNT"),
        pl.format("personal adviser: {} child, from eligibility to {}", pl.col("CATEGORY"),
                  pl.when(to_25).then(pl.lit(25)).otherwise(pl.lit(21))).alias("BASIS"),
    ))
