"""OC2, children looked after continuously for 12 months at 31 March (spec §1.4, §1.6).

157, 180-182, 185-191, 197a, 197B, 198 (who has an OC2 record and the SDQ), 542-547 (conviction
and health-check items by age) and 158/159/192/193 (substance misuse follow-ups).
Ages are whole years on 1 April / 31 March from the OC2 DOB (the Header DOB when blank).
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from carematters.data.years import age_on_expr
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import (
    any_present,
    blank,
    given,
    in_cohort,
    offending,
    present,
)
from carematters.validation.registry import rule

FLAGS = ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
         "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
ALWAYS = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")
SDQ = ("SDQ_SCORE", "SDQ_REASON")


def oc2(ctx: Context) -> pl.DataFrame:
    """OC2 rows with AGE_START, AGE_END and IN_COHORT (looked after 12 months at 31 March),
    built once per run for the dozen rules here."""
    return ctx.shared("oc2.frame", lambda: _oc2(ctx))


def _oc2(ctx: Context) -> pl.DataFrame:
    frame = ctx.with_dob(ctx.table("OC2"))
    dob = pl.coalesce("DOB", "HEADER_DOB")
    frame = frame.with_columns(
        age_on_expr(dob, ctx.start).alias("AGE_START"),
        age_on_expr(dob, ctx.end).alias("AGE_END"),
    )
    return in_cohort(frame, ctx.oc2_cohort)


def _is(column: str, value: int) -> pl.Expr:
    return pl.col(column).cast(pl.String) == str(value)


IN = pl.col("IN_COHORT")


@rule("157", "SDQ1 (under 4 or over 16) given for a child 4+ at the start and 16 or under at "
      "the end of the year", tables=["OC2"], fields=["SDQ_REASON", "DOB"])
def rule_157(ctx: Context) -> pl.DataFrame:
    condition = (IN & (pl.col("AGE_START") >= 4) & (pl.col("AGE_END") <= 16)
                 & blank("SDQ_SCORE") & (pl.col("SDQ_REASON") == "SDQ1"))
    return offending(oc2(ctx), condition)


@rule("180", "SDQ score must be a whole number from 0 to 40", tables=["OC2"], fields=["SDQ_SCORE"])
def rule_180(ctx: Context) -> pl.DataFrame:
    frame = ctx.table("OC2")
    lost = ctx.unreadable("OC2", "SDQ_SCORE").select("_row", "CHILD")
    found = offending(frame, ~pl.col("SDQ_SCORE").is_between(0, 40))
    return pl.concat([found.select("_row", pl.col("CHILD").cast(pl.String)), lost]).unique("_row")


@rule("181", "OC2 yes/no items must be 0 or 1", tables=["OC2"], fields=FLAGS)
def rule_181(ctx: Context) -> pl.DataFrame:
    frame = ctx.table("OC2")
    wrong = pl.any_horizontal(
        [present(f) & ~pl.col(f).cast(pl.String).is_in(["0", "1"]) for f in FLAGS]
    )
    lost = [ctx.unreadable("OC2", f).select("_row", "CHILD") for f in FLAGS]
    found = offending(frame, wrong).select("_row", pl.col("CHILD").cast(pl.String))
    return pl.concat([found, *lost]).unique("_row")


@rule("182", "Immunisations, teeth check, health assessment and substance misuse must be given "
      "when any other OC2 item is", tables=["OC2"], fields=FLAGS)
def rule_182(ctx: Context) -> pl.DataFrame:
    others = ("CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
    missing = pl.any_horizontal([blank(f) for f in ALWAYS])
    return offending(ctx.table("OC2"), missing & any_present(others))


@rule("185", "SDQ score given for a child not looked after continuously for 12 months",
      tables=["OC2"], fields=["SDQ_SCORE"])
def rule_185(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), ~IN & present("SDQ_SCORE"))


@rule("186", "Children 4+ at the start and under 17 at the end of the year, looked after 12 "
      "months, need an SDQ score or reason", tables=["OC2"], fields=SDQ)
def rule_186(ctx: Context) -> pl.DataFrame:
    # A score given but not a number (e.g. "twelve") is 180's finding; it was completed, so
    # it is not reported here a second time as missing.
    condition = (IN & (pl.col("AGE_START") >= 4) & (pl.col("AGE_END") < 17)
                 & ~given(ctx, "OC2", "SDQ_SCORE") & blank("SDQ_REASON"))
    return offending(oc2(ctx), condition)


@rule("188", "SDQ score or reason given for a child under 4 at the end of the year",
      tables=["OC2"], fields=SDQ)
def rule_188(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), (pl.col("AGE_END") < 4) & any_present(SDQ))


@rule("189", "SDQ score or reason given for a child aged 17+ at the start of the year",
      tables=["OC2"], fields=SDQ)
def rule_189(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), (pl.col("AGE_START") >= 17) & any_present(SDQ))


@rule("190", "OC2 items given for a child not looked after continuously for 12 months",
      tables=["OC2"], fields=FLAGS)
def rule_190(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), ~IN & any_present(FLAGS))


@rule("191", "Child looked after continuously for 12 months but OC2 items are blank",
      tables=["OC2", "Episodes"], fields=ALWAYS)
def rule_191(ctx: Context) -> dict[str, pl.DataFrame]:
    blanks = offending(oc2(ctx), IN & pl.any_horizontal([blank(f) for f in ALWAYS]))
    # A child in the cohort with no OC2 row at all: flag their first episode.
    firsts = ctx.episodes.lazy().filter(pl.col("IS_FIRST")).select(ROW, "CHILD").collect()
    without_row = in_cohort(firsts, ctx.oc2_cohort).join(
        ctx.table("OC2").select("CHILD"), on="CHILD", how="anti"
    )
    return {"OC2": blanks, "Episodes": offending(without_row, IN)}


@rule("197a", "Reason for no SDQ score given although there is a score",
      tables=["OC2"], fields=SDQ)
def rule_197a(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("OC2"), present("SDQ_SCORE") & present("SDQ_REASON"))


@rule("197B", "SDQ score or reason should be given for a child turning 4 or 17 in the year",
      tables=["OC2"], fields=SDQ)
def rule_197b(ctx: Context) -> pl.DataFrame:
    # The 4th or 17th birthday falls in the collection year, 1 April to 31 March inclusive: a
    # birthday on 1 April itself counts (the child was 3 or 16 the day before the year began).
    frame = oc2(ctx).with_columns(
        age_on_expr(pl.coalesce("DOB", "HEADER_DOB"), ctx.start - timedelta(days=1))
        .alias("_AGE_BEFORE")
    )
    turns = ((pl.col("_AGE_BEFORE") < 4) & (pl.col("AGE_END") >= 4)) | (
        (pl.col("_AGE_BEFORE") < 17) & (pl.col("AGE_END") >= 17)
    )
    return offending(frame, IN & turns & blank("SDQ_SCORE") & blank("SDQ_REASON"))


@rule("198", "Reason for no SDQ score given for a child not looked after continuously for 12 "
      "months", tables=["OC2"], fields=["SDQ_REASON"])
def rule_198(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), ~IN & present("SDQ_REASON"))


@rule("542", "Conviction item given for a child under 10 at 31 March",
      tables=["OC2"], fields=["CONVICTED"])
def rule_542(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), (pl.col("AGE_END") < 10) & present("CONVICTED"))


@rule("543", "Child aged 10+ at 31 March, looked after 12 months, has no conviction item",
      tables=["OC2"], fields=["CONVICTED"])
def rule_543(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), IN & (pl.col("AGE_END") >= 10) & blank("CONVICTED"))


@rule("544", "Conviction recorded but the health items are not all completed",
      tables=["OC2"], fields=("CONVICTED", *ALWAYS))
def rule_544(ctx: Context) -> pl.DataFrame:
    missing = pl.any_horizontal([blank(f) for f in ALWAYS])
    return offending(ctx.table("OC2"), _is("CONVICTED", 1) & missing)


@rule("545", "Child under 5 at 31 March, looked after 12 months, has no health check item",
      tables=["OC2"], fields=["HEALTH_CHECK"])
def rule_545(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), IN & (pl.col("AGE_END") < 5) & blank("HEALTH_CHECK"))


@rule("546", "Health check item given for a child aged 5+ at 31 March",
      tables=["OC2"], fields=["HEALTH_CHECK"])
def rule_546(ctx: Context) -> pl.DataFrame:
    return offending(oc2(ctx), IN & (pl.col("AGE_END") >= 5) & present("HEALTH_CHECK"))


@rule("547", "Health check recorded but the health items are not all completed",
      tables=["OC2"], fields=("HEALTH_CHECK", *ALWAYS))
def rule_547(ctx: Context) -> pl.DataFrame:
    missing = pl.any_horizontal([blank(f) for f in ALWAYS])
    return offending(ctx.table("OC2"), _is("HEALTH_CHECK", 1) & missing)


@rule("158", "Intervention received, so 'intervention offered' must be blank",
      tables=["OC2"], fields=["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"])
def rule_158(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("OC2"),
                     _is("INTERVENTION_RECEIVED", 1) & present("INTERVENTION_OFFERED"))


@rule("159", "Substance misuse and no intervention received, so 'intervention offered' is needed",
      tables=["OC2"], fields=["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"])
def rule_159(ctx: Context) -> pl.DataFrame:
    condition = (_is("SUBSTANCE_MISUSE", 1) & _is("INTERVENTION_RECEIVED", 0)
                 & blank("INTERVENTION_OFFERED"))
    return offending(ctx.table("OC2"), condition)


@rule("192", "Substance misuse identified but 'intervention received' is blank",
      tables=["OC2"], fields=["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"])
def rule_192(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("OC2"),
                     _is("SUBSTANCE_MISUSE", 1) & blank("INTERVENTION_RECEIVED"))


@rule("193", "No substance misuse identified but intervention items are completed",
      tables=["OC2"], fields=["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"])
def rule_193(ctx: Context) -> pl.DataFrame:
    no_misuse = blank("SUBSTANCE_MISUSE") | _is("SUBSTANCE_MISUSE", 0)
    return offending(ctx.table("OC2"),
                     no_misuse & any_present(["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]))
