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
    by_period = ["CHILD", "PERIOD"]
    eps = ctx.episodes.with_columns(
        pl.col("PLACE").shift(2).over(by_period).alias("_PLACE_BEFORE"),
        pl.col("PL_POST").shift(2).over(by_period).alias("_POST_BEFORE"),
        pl.col("PLACE").shift(1).over(by_period).alias("_PLACE_PREV"),
        pl.int_range(pl.len()).over(by_period).alias("_POS"),
    )
    after_temporary = pl.col("_PLACE_PREV").is_in(TEMPORARY_PLACEMENTS) & (pl.col("_POS") >= 2)
    returned = (
        (pl.col("RNE") == "P")
        & pl.col("PLACE").eq_missing(pl.col("_PLACE_BEFORE"))
        & pl.col("PL_POST").eq_missing(pl.col("_POST_BEFORE"))
    )
    return offending(eps, after_temporary & ~returned.fill_null(False))
