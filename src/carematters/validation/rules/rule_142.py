"""142: a new episode has started, but the previous episode has not ended.

Every episode but a child's latest must be closed, with both DEC and REC. Two episodes that
start on the same day and are both still open have no "previous" one between them (the file
order is no order), so both are flagged: a second, identical open episode is caught as well as
the first, whichever of the two rows a system wrote first. An open episode after a one-day
episode that closed on its start day is still the latest and passes.
"""

import polars as pl

from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("142", "A new episode has started but the previous episode has no end date or reason",
      tables=["Episodes"], fields=["DECOM", "DEC", "REC"])
def check(ctx: Context) -> pl.DataFrame:
    # Every episode but a child's latest must be closed: it needs both DEC and REC. `episodes`
    # is sorted by DECOM (ties in file order), so a later start is the next row; an open episode
    # starting the same day sits just before this one (a duplicated open episode).
    open_twin = (pl.col("PREV_DECOM") == pl.col("DECOM")) & pl.col("PREV_DEC").is_null()
    later = pl.col("DECOM").is_not_null() & (pl.col("NEXT_DECOM").is_not_null() | open_twin)
    return offending(ctx.episodes, later & (pl.col("DEC").is_null() | pl.col("REC").is_null()))
