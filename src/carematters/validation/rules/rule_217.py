"""217: placement for adoption with the current foster carers (A3, A5) continues a placement or
begins care, so its reason for new episode is S, T or U. Checked for episodes from 1 April 2015,
when the current placement codes applied."""

from datetime import date

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule

CODES_FROM = date(2015, 4, 1)


@rule("217", "Placement for adoption with current foster carers (A3/A5) needs RNE S, T or U",
      tables=["Episodes"], fields=["PLACE", "RNE", "DECOM"])
def check(ctx: Context) -> pl.DataFrame:
    condition = (
        pl.col("PLACE").is_in(["A3", "A5"])
        & (pl.col("DECOM") >= CODES_FROM)
        & ~pl.col("RNE").is_in(["S", "T", "U"]).fill_null(False)
    )
    return offending(ctx.table("Episodes"), condition)
