"""354: an episode cannot start after the end of the collection year."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("354", "Date episode began must be on or before the end of the collection year",
      tables=["Episodes"], fields=["DECOM"])
def check(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), pl.col("DECOM") > ctx.end)
