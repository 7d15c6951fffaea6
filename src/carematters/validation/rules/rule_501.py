"""501: a new episode has started before the end date of the previous episode."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("501", "A new episode has started before the end date of the previous episode",
      tables=["Episodes"], fields=["DECOM", "DEC"])
def check(ctx: Context) -> pl.DataFrame:
    return offending(ctx.episodes, pl.col("DECOM") < pl.col("PREV_DEC"))
