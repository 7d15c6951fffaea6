"""504: category of need is recorded for the reason a period of care began and must not change
within it: an episode continuing the previous one (previous REC X1, starting the day it ended)
carries the same CIN."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("504", "Category of need differs from the one recorded at the start of this period of care",
      tables=["Episodes"], fields=["CIN"])
def check(ctx: Context) -> pl.DataFrame:
    continues = (pl.col("PREV_REC") == "X1") & (pl.col("PREV_DEC") == pl.col("DECOM"))
    return offending(ctx.episodes, continues & ~pl.col("CIN").eq_missing(pl.col("PREV_CIN")))
