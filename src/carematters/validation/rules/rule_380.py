"""380: a period of care cannot start with a temporary placement; a T0-T4 episode must be a move
from another placement (RNE P or B)."""

import polars as pl

from carematters.data.codes import TEMPORARY_PLACEMENTS
from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("380", "A period of care cannot start with a temporary placement",
      tables=["Episodes"], fields=["PLACE", "RNE"])
def check(ctx: Context) -> pl.DataFrame:
    temporary = pl.col("PLACE").is_in(TEMPORARY_PLACEMENTS)
    return offending(ctx.table("Episodes"), temporary & ~pl.col("RNE").is_in(["P", "B"]))
