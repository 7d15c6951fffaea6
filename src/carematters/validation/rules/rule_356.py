"""356: an episode cannot cease before it started."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("356", "The date the episode ceased is before the date it started",
      tables=["Episodes"], fields=["DECOM", "DEC"])
def check(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), pl.col("DEC") < pl.col("DECOM"))
