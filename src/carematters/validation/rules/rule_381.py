"""381: a period of care cannot end with a temporary placement (T0-T4 ceasing with REC other
than X1)."""

import polars as pl

from carematters.data.codes import TEMPORARY_PLACEMENTS
from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("381", "A period of care cannot end with a temporary placement",
      tables=["Episodes"], fields=["PLACE", "REC"])
def check(ctx: Context) -> pl.DataFrame:
    ends_care = pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
    return offending(ctx.table("Episodes"),
                     pl.col("PLACE").is_in(TEMPORARY_PLACEMENTS) & ends_care)
