"""355: an episode that starts and ends on the same day lasted under 24 hours (spec §1.1)."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("355", "Episode appears to have lasted for less than 24 hours",
      tables=["Episodes"], fields=["DECOM", "DEC"])
def check(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), pl.col("DECOM") == pl.col("DEC"))
