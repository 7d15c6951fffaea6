"""Reviews: participation code valid and in line with the child's age (PN0 = under 4)."""

from __future__ import annotations

import polars as pl

from carematters.data.codes import REVIEW_CODE
from carematters.data.years import age_on_expr
from carematters.validation.context import ROW, Context
from carematters.validation.helpers import given, offending, present
from carematters.validation.registry import rule


def _reviews(ctx: Context) -> pl.DataFrame:
    """Reviews with the child's age at the review: built once per run for 440 and 441."""
    return ctx.shared("reviews.with_age", lambda: _reviews_with_age(ctx))


def _reviews_with_age(ctx: Context) -> pl.DataFrame:
    frame = ctx.with_dob(ctx.table("Reviews"))
    age = age_on_expr(pl.coalesce("DOB", "HEADER_DOB"), pl.col("REVIEW"))
    return frame.with_columns(age.alias("AGE_REVIEW"))


@rule("167", "Participation code is not valid or is blank", tables=["Reviews"],
      fields=["REVIEW", "REVIEW_CODE"])
def rule_167(ctx: Context) -> pl.DataFrame:
    valid = pl.col("REVIEW_CODE").is_in(REVIEW_CODE.values()).fill_null(False)
    # A review held needs a valid code; a code without a review date is wrong too. A review
    # date given but not a valid date is a review held: 166 reports the date.
    review = given(ctx, "Reviews", "REVIEW")
    wrong = (review & ~valid) | (~review & present("REVIEW_CODE"))
    found = offending(ctx.table("Reviews"), wrong).select(ROW, pl.col("CHILD").cast(pl.String))
    lost = ctx.unreadable("Reviews", "REVIEW_CODE").select(ROW, "CHILD")
    return pl.concat([found, lost]).unique(ROW)


@rule("440", "Participation code says the child was under 4, but they were 4 or over at the "
      "review", tables=["Reviews"], fields=["REVIEW", "REVIEW_CODE", "DOB"])
def rule_440(ctx: Context) -> pl.DataFrame:
    return offending(_reviews(ctx), (pl.col("REVIEW_CODE") == "PN0") & (pl.col("AGE_REVIEW") >= 4))


@rule("441", "Participation code says the child was 4 or over, but they were under 4 at the "
      "review", tables=["Reviews"], fields=["REVIEW", "REVIEW_CODE", "DOB"])
def rule_441(ctx: Context) -> pl.DataFrame:
    over_4_codes = [c for c in REVIEW_CODE.values() if c != "PN0"]
    return offending(_reviews(ctx),
                     pl.col("REVIEW_CODE").is_in(over_4_codes) & (pl.col("AGE_REVIEW") < 4))
