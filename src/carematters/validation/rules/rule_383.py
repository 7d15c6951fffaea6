"""383: after a temporary placement the child must return to the normal placement: the next
episode of the same period has RNE P and the PLACE and PL_POST of the episode before the move."""

import polars as pl

from carematters.data.codes import TEMPORARY_PLACEMENTS
from carematters.validation.context import Context
from carematters.validation.helpers import offending
from carematters.validation.registry import rule


@rule("383", "A child in a temporary placement must then return to their normal placement",
      tables=["Episodes"], fields=["RNE", "PLACE", "PL_POST"])
def check(ctx: Context) -> pl.DataFrame:
    # `ctx.episodes` is sorted by child and start, so each period of care is a contiguous run
    # of rows: the episode two rows up is in the same period when child and period match there
    # (and so does the one in between). Whole-frame shifts then stand in for windows per period.
    child, period = pl.col("CHILD"), pl.col("PERIOD")
    two_in_period = (
        child.shift(2).eq_missing(child) & period.shift(2).eq_missing(period)
        & (pl.int_range(pl.len()) >= 2)
    )
    after_temporary = two_in_period & pl.col("PLACE").shift(1).is_in(TEMPORARY_PLACEMENTS)
    returned = (
        (pl.col("RNE") == "P")
        & pl.col("PLACE").eq_missing(pl.col("PLACE").shift(2))
        & pl.col("PL_POST").eq_missing(pl.col("PL_POST").shift(2))
    )
    return offending(ctx.episodes, after_temporary & ~returned.fill_null(False))
