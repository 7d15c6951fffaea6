"""148: date episode ceased and reason episode ceased must both be given, or both be blank."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import blank, offending
from carematters.validation.registry import rule


@rule("148", "Date episode ceased and reason episode ceased must both be coded or both blank",
      tables=["Episodes"], fields=["DEC", "REC"])
def check(ctx: Context) -> pl.DataFrame:
    return offending(ctx.table("Episodes"), blank("DEC") != blank("REC"))
