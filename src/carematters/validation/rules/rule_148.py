"""148: date episode ceased and reason episode ceased must both be given, or both be blank.

A DEC that was given but is not a valid date counts as given: rule 147 reports it, and the row
is not also reported here as having a reason without a date."""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import given, offending
from carematters.validation.registry import rule


@rule("148", "Date episode ceased and reason episode ceased must both be coded or both blank",
      tables=["Episodes"], fields=["DEC", "REC"])
def check(ctx: Context) -> pl.DataFrame:
    dec, rec = given(ctx, "Episodes", "DEC"), given(ctx, "Episodes", "REC")
    return offending(ctx.table("Episodes"), dec != rec)
