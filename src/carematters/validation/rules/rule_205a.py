"""205A: a child identified as UASC last year but not this year must have had their UASC status
cease during last year.

The UASC flag is the XML Header's; for CSV returns it is derived from the UASC table
(`ctx.uasc_flag`, `ctx.prev_uasc_flag`). A child flagged last year and not this year stopped
being UASC, so last year's date UASC ceased (DUC) must fall inside last year's collection year;
a blank or other date contradicts the change.
"""

from __future__ import annotations

import polars as pl

from carematters.data.years import year_end, year_start
from carematters.validation.context import ROW, Context
from carematters.validation.registry import rule


@rule("205A", "Child identified as UASC last year is no longer UASC this year, but the date UASC "
      "ceased last year does not support this", tables=["Header"], fields=["CHILD"])
def check(ctx: Context) -> pl.DataFrame:
    if not ctx.has_previous:
        return pl.DataFrame(schema={ROW: pl.Int64(), "CHILD": pl.String()})
    last = ctx.prev_uasc_flag.filter(pl.col("UASC") == 1).select("CHILD").unique()
    duc_last = ctx.prev("UASC").filter(pl.col("CHILD").is_not_null()).unique(
        "CHILD", keep="first", maintain_order=True).select("CHILD", pl.col("DUC").alias("_DUC"))
    start, end = year_start(ctx.year - 1), year_end(ctx.year - 1)
    ceased_last_year = pl.col("_DUC").is_between(start, end).fill_null(False)
    now = ctx.uasc_flag.filter(pl.col("UASC") == 0).join(last, on="CHILD", how="semi")
    return now.join(duc_last, on="CHILD", how="left").filter(~ceased_last_year).select(
        ROW, "CHILD")
