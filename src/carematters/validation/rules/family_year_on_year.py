"""What last year's return already said about the child (needs `previous`): 202-204, 207, 208,
624, 626 (Header), and the UASC record (205D, 231, 304).

A child's identity items do not change between years; UPN may only move from unknown to known
(or from UN1 to another UN code). Sex codes were recoded in 2025 (1/2 became M/F), which is not a
change.
"""

from __future__ import annotations

import polars as pl

from carematters.data.years import age_on_expr
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import any_present, blank, in_cohort, offending, present
from carematters.validation.registry import rule

UN_CODES = ("UN1", "UN2", "UN3", "UN4", "UN5")
SEX_RECODED = {"1": "M", "2": "F"}


def _with_last(ctx: Context, *columns: str) -> pl.DataFrame:
    """This year's Header joined with last year's values of `columns` (as <col>_LAST)."""
    header = ctx.table("Header")
    joined = ctx.shared("year_on_year.with_last", lambda: _joined_with_last(ctx))
    return joined.select(*header.columns, *[f"{c}_LAST" for c in columns])


def _joined_with_last(ctx: Context) -> pl.DataFrame:
    """This year's Header joined with every column of last year's (as <col>_LAST): one join
    per run instead of one per rule."""
    columns = [c for c in ctx.prev("Header").columns if c not in ("CHILD", ROW)]
    last = ctx.prev("Header").filter(pl.col("CHILD").is_not_null()).unique(
        "CHILD", keep="first", maintain_order=True
    ).select("CHILD", *[pl.col(c).alias(f"{c}_LAST") for c in columns])
    return ctx.table("Header").join(last, on="CHILD", how="inner")


def _changed(column: str) -> pl.Expr:
    return ~pl.col(column).eq_missing(pl.col(f"{column}_LAST"))


@rule("202", "Sex differs from the sex already recorded for this child", tables=["Header"],
      fields=["SEX"])
def rule_202(ctx: Context) -> pl.DataFrame:
    # Compare on the 2025 coding so that 1/2 against M/F is no change, in either year pair.
    header = _with_last(ctx, "SEX").with_columns(
        pl.col("SEX").replace(SEX_RECODED), pl.col("SEX_LAST").replace(SEX_RECODED)
    )
    return offending(header, _changed("SEX") & present("SEX") & present("SEX_LAST"))


@rule("203", "Date of birth differs from the date already recorded for this child",
      tables=["Header"], fields=["DOB"])
def rule_203(ctx: Context) -> pl.DataFrame:
    return offending(_with_last(ctx, "DOB"), _changed("DOB"))


@rule("204", "Ethnic origin differs from the one already recorded for this child",
      tables=["Header"], fields=["ETHNIC"])
def rule_204(ctx: Context) -> pl.DataFrame:
    return offending(_with_last(ctx, "ETHNIC"), _changed("ETHNIC"))


@rule("207", "Child was a mother last year but is not recorded as one this year",
      tables=["Header"], fields=["MOTHER"])
def rule_207(ctx: Context) -> pl.DataFrame:
    header = _with_last(ctx, "MOTHER").join(ctx.children_with_episodes, on="CHILD", how="semi")
    was = pl.col("MOTHER_LAST").cast(pl.String) == "1"
    return offending(header, was & (pl.col("MOTHER").cast(pl.String).ne_missing("1")))


@rule("208", "UPN differs from the UPN already recorded for this child", tables=["Header"],
      fields=["UPN"])
def rule_208(ctx: Context) -> pl.DataFrame:
    header = _with_last(ctx, "UPN")
    unknown_before = blank("UPN_LAST") | pl.col("UPN_LAST").is_in(UN_CODES)
    unknown_now = blank("UPN") | pl.col("UPN").is_in(UN_CODES)
    # Allowed: unknown (blank or UN*) to a real UPN, and blank/UN1 to another UN code.
    becomes_known = unknown_before & ~unknown_now
    refined = (blank("UPN_LAST") | (pl.col("UPN_LAST") == "UN1")) & pl.col("UPN").is_in(UN_CODES)
    both_blank = blank("UPN") & blank("UPN_LAST")
    return offending(header, _changed("UPN") & ~both_blank & ~becomes_known & ~refined)


@rule("624", "Date of birth of the mother's first child differs from the one recorded before",
      tables=["Header"], fields=["MC_DOB"])
def rule_624(ctx: Context) -> pl.DataFrame:
    # "Contradicts" needs two dates: MC_DOB is only returned while the mother is looked after,
    # so a blank this year (a care leaver, say) is not a contradiction.
    return offending(
        _with_last(ctx, "MC_DOB"), present("MC_DOB_LAST") & present("MC_DOB") & _changed("MC_DOB")
    )


@rule("626", "Child is recorded as a mother with a first child born before this year, but was "
      "not a mother last year", tables=["Header"], fields=["MOTHER", "MC_DOB"])
def rule_626(ctx: Context) -> pl.DataFrame:
    header = _with_last(ctx, "MOTHER")
    condition = (
        (pl.col("MOTHER").cast(pl.String) == "1")
        & (pl.col("MOTHER_LAST").cast(pl.String) == "0")
        & (pl.col("MC_DOB") < ctx.start)
    )
    return offending(header, condition)


# --- UASC --------------------------------------------------------------------------------
# A child is identified as UASC in a return when their UASC row holds more than the child's id
# and date of birth (the CSV form of the DfE's UASC flag).

def _uasc(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(any_present(["SEX", "DUC"]))


@rule("205D", "Child is UASC this year but was not UASC last year", tables=["UASC"],
      fields=["DUC"])
def rule_205d(ctx: Context) -> pl.DataFrame:
    if not ctx.has_previous:
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    known_last = ctx.prev("Header").select("CHILD").unique()
    uasc_last = _uasc(ctx.prev("UASC")).select("CHILD").unique()
    # UASC this year: status not ceased before the year began.
    now = _uasc(ctx.table("UASC")).filter(pl.col("DUC").is_null() | (pl.col("DUC") >= ctx.start))
    now = now.join(known_last, on="CHILD", how="semi")
    return now.join(uasc_last, on="CHILD", how="anti").select(ROW, "CHILD")


@rule("231", "Unaccompanied asylum-seeking children are generally older: check the date of "
      "birth of a UASC under 11", tables=["Header"], fields=["DOB"], first_year=2025)
def rule_231(ctx: Context) -> pl.DataFrame:
    header = in_cohort(ctx.table("Header"), _uasc(ctx.table("UASC")).select("CHILD"), "IS_UASC")
    young = age_on_expr(pl.col("DOB"), ctx.end) < 11
    return offending(header, pl.col("IS_UASC") & young)


@rule("304", "Date UASC status ceased must be on or before the 18th birthday", tables=["UASC"],
      fields=["DUC", "DOB"])
def rule_304(ctx: Context) -> pl.DataFrame:
    uasc = ctx.with_dob(ctx.table("UASC"))
    eighteenth = pl.coalesce("DOB", "HEADER_DOB").dt.offset_by("18y")
    return offending(uasc, pl.col("DUC") > eighteenth)
