"""385: the date an episode ceased must be on or before the end of the collection year."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("385", "Date episode ceased must be on or before the end of the collection year",
      tables=["Episodes"], fields=["DEC"])
def check(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), pl.col("DEC") > ctx.end)
