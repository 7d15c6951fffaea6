"""Sufficiency (Children Act 1989 s22G): projected demand for in-house vs external placements
and for placements in vs out of the authority's area.

Both splits are learnt per placement group from the reference window, weighted by days:
- in-house share: days with provider PR1-PR3 among days with PR1-PR5 (placed with parents,
  PR0, and blank providers are "not commissioned");
- out-of-area share: days whose PL_POST district is not one of the authority's own, among days
  with a PL_POST.
The authority's districts are given, or inferred [C] as the most common HOME_POST districts
that together hold 80% of children with a home postcode (children come mostly from home).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import polars as pl

from carematters.costs.groups import EXTERNAL_PROVIDERS, IN_HOUSE_PROVIDERS, with_groups
from carematters.data.episodes import drop_short_breaks
from carematters.forecast.engine import ALL, Forecast

HOME_COVERAGE = 0.8


def district(postcode: pl.Expr) -> pl.Expr:
    """Postcode district (outward code): 'CV1 1AA' -> 'CV1'; unspaced codes lose the last 3."""
    text = postcode.str.to_uppercase().str.strip_chars()
    spaced = text.str.split(" ").list.first()
    return (
        pl.when(text.str.contains(" ")).then(spaced)
        .when(text.str.len_chars() >= 5).then(text.str.slice(0, text.str.len_chars() - 3))
        .otherwise(text)
    )


def own_districts(episodes: pl.DataFrame, coverage: float = HOME_COVERAGE) -> list[str]:
    """The authority's postcode districts inferred from where its children lived."""
    homes = (
        episodes.drop_nulls("HOME_POST")
        .sort("DECOM").unique("CHILD", keep="last")
        .select(district(pl.col("HOME_POST")).alias("D"))
        .group_by("D").len().sort(["len", "D"], descending=[True, False])
    )
    if homes.height == 0:
        return []
    before = (homes["len"].cum_sum() - homes["len"]) / homes["len"].sum()
    return homes.filter(before < coverage)["D"].to_list()


def placement_shares(episodes: pl.DataFrame, start: date, end: date,
                     districts: Sequence[str]) -> pl.DataFrame:
    """placement, in_house_share, out_of_area_share (null when a group has no evidence)."""
    after = end + timedelta(days=1)
    days = (
        pl.min_horizontal(pl.col("DEC").fill_null(after), pl.lit(after))
        - pl.max_horizontal("DECOM", pl.lit(start))
    ).dt.total_days().clip(lower_bound=0)
    provider = pl.col("PLACE_PROVIDER")
    commissioned = provider.is_in((*IN_HOUSE_PROVIDERS, *EXTERNAL_PROVIDERS)).fill_null(False)
    placed_away = ~district(pl.col("PL_POST")).is_in(list(districts))
    return (
        with_groups(drop_short_breaks(episodes))
        .with_columns(days.alias("DAYS"))
        .group_by("GROUP")
        .agg(
            (pl.col("DAYS").filter(provider.is_in(IN_HOUSE_PROVIDERS)).sum()
             / pl.col("DAYS").filter(commissioned).sum()).alias("in_house_share"),
            (pl.col("DAYS").filter(pl.col("PL_POST").is_not_null() & placed_away).sum()
             / pl.col("DAYS").filter(pl.col("PL_POST").is_not_null()).sum())
            .alias("out_of_area_share"),
        )
        .select(pl.col("GROUP").alias("placement"),
                pl.col("in_house_share").fill_nan(None), pl.col("out_of_area_share").fill_nan(None))
    )


def sufficiency(fc: Forecast, shares: pl.DataFrame) -> pl.DataFrame:
    """date, placement, expected, in_house, external, not_commissioned, in_area, out_of_area."""
    totals = fc.frame().filter((pl.col("age_band") == ALL) & (pl.col("placement") != ALL))
    joined = totals.join(shares, on="placement", how="left")
    commissioned = pl.col("in_house_share").is_not_null()
    return joined.select(
        "date", "placement", "expected",
        pl.when(commissioned).then(pl.col("expected") * pl.col("in_house_share"))
        .otherwise(0.0).alias("in_house"),
        pl.when(commissioned).then(pl.col("expected") * (1 - pl.col("in_house_share")))
        .otherwise(0.0).alias("external"),
        pl.when(commissioned).then(0.0).otherwise(pl.col("expected")).alias("not_commissioned"),
        (pl.col("expected") * (1 - pl.col("out_of_area_share").fill_null(0.0))).alias("in_area"),
        (pl.col("expected") * pl.col("out_of_area_share").fill_null(0.0)).alias("out_of_area"),
    )
