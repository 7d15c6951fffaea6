"""Pooling several authorities' indicator results into one regional or national table.

Care Matters asks authorities to compare themselves with one another (implementation plan 2.21).
A pooled figure is what the DfE would publish for the group: every authority's numerator over
every authority's denominator, not the average of their rates, so a large authority weighs as
much as its children do. Each authority is then ranked (1 = best by the indicator's direction),
put in a quartile of the group and measured against the pooled figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from carematters.indicators.registry import AVERAGE_UNITS, all_indicators

#: The `la` of the pooled row of each indicator and year.
POOLED = "Pooled"

RESULT_COLUMNS = ("la", "indicator", "year", "numerator", "denominator", "value")

POOLED_SCHEMA = {
    "indicator": pl.String(), "year": pl.Int32(), "la": pl.String(), "region": pl.String(),
    "pooled": pl.Boolean(),
    "title": pl.String(), "theme": pl.String(), "unit": pl.String(), "direction": pl.String(),
    "numerator": pl.Float64(), "denominator": pl.Float64(), "value": pl.Float64(),
    "pooled_value": pl.Float64(), "difference": pl.Float64(), "authorities": pl.UInt32(),
    "rank": pl.Int32(), "quartile": pl.Int8(),
}


def metadata() -> pl.DataFrame:
    """Title, theme, unit and direction of every registered indicator, in registry order."""
    found = all_indicators()
    return pl.DataFrame({
        "indicator": list(found),
        "title": [i.title for i in found.values()],
        "theme": [i.theme for i in found.values()],
        "unit": [i.unit for i in found.values()],
        "direction": [i.direction for i in found.values()],
        "_order": list(range(len(found))),
    }, schema_overrides={"_order": pl.Int32()})


def _scale() -> pl.Expr:
    """How a numerator over a denominator becomes the indicator's value."""
    unit = pl.col("unit")
    return (pl.when(unit == "%").then(100.0).when(unit == "rate").then(10_000.0)
            .otherwise(1.0))


def _pooled_rows(results: pl.DataFrame, *by: str) -> pl.DataFrame:
    """One row per indicator and year (and `by`): summed numerators and denominators, and
    their ratio."""
    counts = pl.col("unit") == "count"
    usable = pl.col("value").is_not_null()
    return (
        results.filter(usable)
        .group_by("indicator", "year", *by)
        .agg(
            pl.col("numerator").sum(),
            # Counts have no denominator; summing nulls would give 0, which reads as a cohort.
            pl.when(counts.first()).then(None).otherwise(pl.col("denominator").sum())
            .alias("denominator"),
            pl.len().cast(pl.UInt32).alias("authorities"),
            pl.col("unit").first(),
        )
        .with_columns(
            pl.when(pl.col("unit") == "count").then(pl.col("numerator"))
            .when(pl.col("denominator") > 0)
            .then(pl.col("numerator") / pl.col("denominator") * _scale())
            .otherwise(None).alias("pooled_value")
        )
        .drop("unit")
    )


def rank_expr(value: str = "value") -> pl.Expr:
    """1 = best by direction among the authorities with a value; none for descriptive measures."""
    v = pl.col(value)
    ordered = pl.when(pl.col("direction") == "lower").then(v).otherwise(-v)
    return (
        pl.when((pl.col("direction") == "none") | v.is_null()).then(None)
        .otherwise(ordered.rank("min").over("indicator", "year"))
        .cast(pl.Int32)
    )


def quartile_expr(rank: str = "rank") -> pl.Expr:
    """The group split into four bands of (near) equal size by rank, 1 the best band, as the
    DfE's local authority tables band authorities."""
    ranked = pl.col(rank)
    count = ranked.count().over("indicator", "year")
    return (((ranked - 1) * 4 // count) + 1).cast(pl.Int8)


def pool(results: pl.DataFrame, year: int | None = None,
         regions: Mapping[str, str] | None = None) -> pl.DataFrame:
    """Each authority's figure against the group's pooled figure, per indicator and year.

    `results` is a results frame of several authorities (la, indicator, year, numerator,
    denominator, value). Returns POOLED_SCHEMA rows: every authority, then, with `regions`
    (authority -> region), one pooled row per region (`la` the region's name), then one row
    with `la = POOLED` for all of them. `difference` is the authority's value minus the pooled
    value of all (none for counts, whose pooled figure is a total); ranks and quartiles are
    among all the authorities.
    """
    regions = dict(regions or {})
    clash = ({POOLED} | set(results["la"])) & set(regions.values())
    if clash:
        raise ValueError(f"a region is named like an authority or {POOLED!r}: {sorted(clash)}")
    frame = results.select(RESULT_COLUMNS)
    if year is not None:
        frame = frame.filter(pl.col("year") == year)
    frame = frame.with_columns(
        pl.col("year").cast(pl.Int32),
        pl.col("la").replace_strict(regions, default=None, return_dtype=pl.String)
        .alias("region"),
    ).join(metadata(), on="indicator", how="inner")
    pooled = _pooled_rows(frame)
    authorities = (
        frame.join(pooled.select("indicator", "year", "pooled_value", "authorities"),
                   on=["indicator", "year"], how="left")
        .with_columns(
            pl.lit(False).alias("pooled"),
            pl.when(pl.col("unit") == "count").then(None)
            .otherwise(pl.col("value") - pl.col("pooled_value")).alias("difference"),
            rank_expr().alias("rank"),
            pl.lit(0).alias("_level"),
        )
        .with_columns(quartile_expr().alias("quartile"))
    )
    # A region's row is its own pooled figure, set against the pooled figure of all.
    by_region = (
        _pooled_rows(frame.filter(pl.col("region").is_not_null()), "region")
        .rename({"pooled_value": "value"})
        .join(pooled.select("indicator", "year", "pooled_value"), on=["indicator", "year"],
              how="left")
    )
    totals = [
        _total_rows(by_region.with_columns(pl.col("region").alias("la")), 1),
        _total_rows(pooled.with_columns(pl.lit(POOLED).alias("la"),
                                        pl.lit(None, pl.String).alias("region")), 2),
    ]
    columns = [*POOLED_SCHEMA, "_order", "_level"]
    combined = pl.concat([authorities.select(columns), *(t.select(columns) for t in totals)],
                         how="vertical_relaxed")
    return (
        combined.sort("_order", "year", "_level", "la")
        .select(pl.col(name).cast(dtype) for name, dtype in POOLED_SCHEMA.items())
    )


def _total_rows(pooled: pl.DataFrame, level: int) -> pl.DataFrame:
    """Pooled rows shaped like the authorities' rows (`value` defaults to the pooled value,
    the difference is from the pooled value of all)."""
    if "value" not in pooled.columns:
        pooled = pooled.with_columns(pl.col("pooled_value").alias("value"))
    return pooled.join(metadata(), on="indicator", how="inner").with_columns(
        pl.lit(True).alias("pooled"),
        pl.when((pl.col("unit") == "count") | (pl.lit(level) == 2)).then(None)
        .otherwise(pl.col("value") - pl.col("pooled_value")).alias("difference"),
        pl.lit(None, pl.Int32).alias("rank"), pl.lit(None, pl.Int8).alias("quartile"),
        pl.lit(level).alias("_level"),
    )


def is_average(unit: str) -> bool:
    """Averages pool the summed values (numerator) over the children scored (denominator)."""
    return unit in AVERAGE_UNITS
