"""T30 secure accommodation without a court's authority (Children (Secure Accommodation)
Regulations 1991 reg 10; CA 1989 s25).

A looked-after child may be kept in secure accommodation on welfare grounds without the
authority of a court for at most 72 hours, whether or not consecutive, in any period of 28
consecutive days. Hours count from `SecureStays.SECURE_START` to the earlier of `SECURE_END`
and `COURT_AUTHORISED` (after the court's authority they do not count); stays on remand
(`GROUNDS = REMAND`) follow other rules and have no item. The reg 10(3) extension while an
application waiting for a court sitting is heard is not recorded, so not modelled.

One item per unauthorised stay: due at the moment the child would pass 72 hours in the 28 days
ending then, if the stay went on; done when the stay ended or the court authorised it. Hours of
an earlier stay drop out as the 28-day window moves past them, so the limit of a stay is found
exactly: with U(t) the unauthorised hours in the 28 days up to t, U rises at one hour an hour
except while the window's back edge crosses an earlier stay (then it is flat), and the limit is
the first t at which U(t) reaches 72 hours. U only bends where the back edge meets the start or
end of an earlier stay, so it is evaluated there and solved in between. Due and done are days,
but a stay that ends or gains authority after the limit on the same day is still late (the
`LATE` column of `chains.finish`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import polars as pl

from carematters.compliance.chains import finish
from carematters.compliance.context import Context
from carematters.compliance.registry import timescale

RULE = (
    "Children (Secure Accommodation) Regulations 1991 reg 10: at most 72 hours in any 28 days "
    "in secure accommodation without a court's authority"
)
_US_PER_HOUR = 3_600_000_000


def _stays(ctx: Context) -> pl.DataFrame:
    """CHILD, STAY, S, E (end of the unauthorised hours, null while they go on), EFF (E, or the
    end of the as-at day), all as microseconds since 1970; only stays with unauthorised hours."""
    now = datetime.combine(ctx.as_at + timedelta(days=1), datetime.min.time())
    known = lambda c: pl.when(pl.col(c) <= now).then(pl.col(c))  # noqa: E731 - not yet happened
    us = lambda e: e.dt.epoch("us")  # noqa: E731
    now_us = (now - datetime(1970, 1, 1)) // timedelta(microseconds=1)
    stays = ctx.data["SecureStays"].filter(
        (pl.col("GROUNDS") == "WELFARE") & (pl.col("SECURE_START") < now)
    )
    return (
        stays.with_row_index("STAY")
        .select(
            "CHILD", "STAY",
            us(pl.col("SECURE_START")).alias("S"),
            us(pl.min_horizontal(known("SECURE_END"), known("COURT_AUTHORISED"))).alias("E"),
        )
        .with_columns(pl.coalesce("E", pl.lit(now_us, pl.Int64)).alias("EFF"))
        .filter(pl.col("EFF") > pl.col("S"))
    )


def _limits(stays: pl.DataFrame, limit: int, window: int) -> pl.DataFrame:
    """STAY, LIMIT: the first moment (µs) its unauthorised hours in the trailing window reach
    `limit` (µs), were the stay to go on."""
    earlier = (
        stays.join(stays.select("CHILD", pl.col("STAY").alias("P"), pl.col("S").alias("PS"),
                                pl.col("EFF").alias("PE")), on="CHILD")
        .filter((pl.col("PS") < pl.col("S")) & (pl.col("PE") > pl.col("S") - window))
        .with_columns(pl.min_horizontal("PE", "S").alias("PE"))  # overlapping records clipped
        .select("STAY", "PS", "PE")
    )
    bends = pl.concat([
        stays.select("STAY", pl.col("S").alias("T")),
        earlier.select("STAY", (pl.col("PS") + window).alias("T")),
        earlier.select("STAY", (pl.col("PE") + window).alias("T")),
    ]).join(stays.select("STAY", "S"), on="STAY").filter(pl.col("T") >= pl.col("S")).unique()
    carried = (
        bends.join(earlier, on="STAY", how="left")
        .with_columns(
            (pl.col("PE") - pl.max_horizontal("PS", pl.col("T") - window)).clip(lower_bound=0)
            .fill_null(0).alias("_in")
        )
        .group_by("STAY", "T", "S")
        .agg(pl.col("_in").sum())
    )
    points = (
        carried.with_columns((pl.col("T") - pl.col("S") + pl.col("_in")).alias("U"))
        .sort("STAY", "T")
        .with_columns(
            pl.col("T").shift(-1).over("STAY").alias("T_NEXT"),
            pl.col("U").shift(-1).over("STAY").alias("U_NEXT"),
        )
    )
    # Between two bends U is a straight line; after the last one it rises an hour an hour.
    slope = pl.when(pl.col("T_NEXT").is_null()).then(pl.lit(1.0)).otherwise(
        (pl.col("U_NEXT") - pl.col("U")) / (pl.col("T_NEXT") - pl.col("T"))
    )
    # Whole microseconds when the slope is one (always, unless stays were recorded overlapping).
    reach = pl.when(slope == 1).then(pl.col("T") + limit - pl.col("U")).otherwise(
        pl.col("T") + ((limit - pl.col("U")) / pl.when(slope > 0).then(slope).otherwise(1.0))
        .cast(pl.Int64, strict=False)
    )
    crossing = (
        pl.when(pl.col("U") >= limit).then(pl.col("T"))
        .when((slope > 0) & (pl.col("T_NEXT").is_null() | (reach <= pl.col("T_NEXT"))))
        .then(reach)
    )
    return points.group_by("STAY").agg(crossing.min().alias("LIMIT"))


@timescale("T30", title="secure accommodation without court authority", rule=RULE,
           needs=("SecureStays",))
def secure_accommodation(ctx: Context) -> pl.DataFrame:
    s = ctx.settings
    stays = _stays(ctx)
    limits = _limits(stays, s.secure_without_court_hours * _US_PER_HOUR,
                     s.secure_window_days * 24 * _US_PER_HOUR)
    as_datetime = lambda c: pl.col(c).cast(pl.Datetime("us"))  # noqa: E731
    items = stays.join(limits, on="STAY").select(
        "CHILD",
        pl.lit("T30").alias("ITEM"),
        pl.format("out of secure accommodation or court authority (placed {})",
                  as_datetime("S").dt.strftime("%d/%m/%Y %H:%M")).alias("TITLE"),
        as_datetime("LIMIT").dt.date().alias("DUE"),
        as_datetime("E").dt.date().alias("DONE"),
        pl.lit(True).alias("ACTIVE"),
        (pl.col("EFF") > pl.col("LIMIT")).alias("LATE"),
        as_datetime("S").dt.date().alias("FROM"),
    )
    return finish(items, ctx, rule=RULE)
