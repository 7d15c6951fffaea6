"""142: a new episode has started, but the previous episode has not ended."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("142", "A new episode has started but the previous episode has no end date or reason",
      tables=["Episodes"], fields=["DECOM", "DEC", "REC"])
def check(ctx: Context) -> pl.DataFrame:
    # Every episode but a child's latest must be closed: it needs both DEC and REC.
    later = pl.col("DECOM").is_not_null() & pl.col("NEXT_DECOM").is_not_null()
    return offending(ctx.episodes, later & (pl.col("DEC").is_null() | pl.col("REC").is_null()))
