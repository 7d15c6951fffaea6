"""Comparing authorities (implementation plan 2.21): each authority against the others, England
figures from the spec, and what the overall figure would be if every authority below the average
reached it."""

from __future__ import annotations

import polars as pl

from carematters.indicators.registry import AVERAGE_UNITS, all_indicators

# England figures quoted in the domain spec (§2.3, §2.4, §2.8, §2.9, §2.11). Only [V] figures;
# they are revised every year, so they are sanity ranges, not exact benchmarks. Percentages in
# the indicator's unit; numerator/denominator where the spec gives them.
_ENGLAND_ROWS = [
    # indicator, year, value, numerator, denominator, source
    ("LAC_31MAR", 2015, 69_540, None, None, "§2.11"),
    ("LAC_31MAR", 2017, 72_590, None, None, "§2.11 (revised)"),
    ("LAC_31MAR", 2018, 75_420, None, None, "§2.11"),
    ("LAC_31MAR", 2019, 78_150, None, None, "§2.11"),
    ("LAC_31MAR", 2020, 80_000, None, None, "§2.11 (first published)"),
    ("LAC_31MAR", 2021, 80_780, None, None, "§2.11"),
    ("LAC_31MAR", 2022, 82_090, None, None, "§2.11"),
    ("LAC_31MAR", 2023, 83_750, None, None, "§2.11"),
    ("LAC_31MAR", 2024, 83_530, None, None, "§2.11"),
    ("LAC_31MAR", 2025, 81_770, None, None, "§2.11"),
    ("LAC_RATE", 2021, 69, None, None, "§2.11"),
    ("LAC_RATE", 2022, 70, None, None, "§2.11"),
    ("LAC_RATE", 2023, 70, None, None, "§2.11"),
    ("LAC_RATE", 2024, 69, None, None, "§2.11"),
    ("LAC_RATE", 2025, 67, None, None, "§2.11"),
    ("STARTED", 2009, 25_400, None, None, "§2.11"),
    ("STARTED", 2024, 33_050, None, None, "§2.11"),
    ("CEASED", 2024, 33_620, None, None, "§2.11"),
    ("CEASED", 2025, 34_450, None, None, "§2.11"),
    ("ADOPTED", 2024, 2_980, None, None, "§2.11"),
    ("ADOPTED", 2025, 3_040, None, None, "§2.11"),
    ("UASC", 2024, 7_380, None, None, "§2.11"),
    ("UASC", 2025, 6_540, None, None, "§2.11"),
    ("NI62", 2006, 12, None, None, "§2.3"),
    ("NI62_2Y", 2024, 13_700 / 60_430 * 100, 13_700, 60_430, "§2.3"),
    ("NI62_2Y", 2025, 13_410 / 59_430 * 100, 13_410, 59_430, "§2.3"),
    ("NI63", 2024, 19_750 / 29_000 * 100, 19_750, 29_000, "§2.4"),
    ("NI63", 2025, 19_680 / 28_710 * 100, 19_680, 28_710, "§2.4"),
    ("OC2_DEVELOPMENT", 2024, 5_980 / 6_820 * 100, 5_980, 6_820, "§2.8"),
    ("OC2_DEVELOPMENT", 2025, 5_580 / 6_360 * 100, 5_580, 6_360, "§2.8"),
    ("A1", 2018, 486, None, None, "§2.9 (three-year average 2015-18)"),
]

ENGLAND = pl.DataFrame(
    _ENGLAND_ROWS,
    schema={"indicator": pl.String(), "year": pl.Int32(), "england": pl.Float64(),
            "england_numerator": pl.Float64(), "england_denominator": pl.Float64(),
            "england_source": pl.String()},
    orient="row",
)

# Adoption scorecard thresholds (spec §2.9), by the year the three-year period ends. The
# 14-month and 4-month 2013-16 targets are read as 426 and 121 days [U].
ADOPTION_THRESHOLDS = pl.DataFrame(
    [("A1", 2012, 639), ("A1", 2014, 547), ("A1", 2015, 487), ("A1", 2016, 426),
     ("A2", 2012, 213), ("A2", 2014, 182), ("A2", 2015, 152), ("A2", 2016, 121)],
    schema={"indicator": pl.String(), "year": pl.Int32(), "target": pl.Float64()},
    orient="row",
)


def england(indicator: str, year: int) -> float | None:
    row = ENGLAND.filter((pl.col("indicator") == indicator) & (pl.col("year") == year))
    return row["england"][0] if row.height else None


def compare(results: pl.DataFrame) -> pl.DataFrame:
    """Each authority's value against the *other* authorities: their mean, quartiles and count,
    the authority's rank (1 = best by direction) and England where known.

    `results` is a results frame (la, indicator, year, value...) holding several authorities.
    """
    values = results.select("la", "indicator", "year", "value").drop_nulls("value")
    others = (
        values.join(values, on=["indicator", "year"], suffix="_other")
        .filter(pl.col("la") != pl.col("la_other"))
        .group_by("la", "indicator", "year")
        .agg(
            pl.len().alias("others"),
            pl.col("value_other").mean().alias("others_mean"),
            pl.col("value_other").quantile(0.25, "linear").alias("others_q1"),
            pl.col("value_other").median().alias("others_median"),
            pl.col("value_other").quantile(0.75, "linear").alias("others_q3"),
        )
    )
    directions = _directions()
    ranked = values.join(directions, on="indicator", how="left").with_columns(
        pl.when(pl.col("direction") == "lower").then(pl.col("value"))
        .otherwise(-pl.col("value"))
        .rank("min").over("indicator", "year").cast(pl.Int32).alias("rank")
    )
    return (
        ranked.join(others, on=["la", "indicator", "year"], how="left")
        .join(ENGLAND, on=["indicator", "year"], how="left")
        .with_columns(_quartile().alias("quartile"))
        .sort("indicator", "year", "la")
    )


def _quartile() -> pl.Expr:
    """1 = among the best quarter of the other authorities, by the indicator's direction."""
    v, q1, q3, med = (pl.col(c) for c in ("value", "others_q1", "others_q3", "others_median"))
    higher = (pl.when(v >= q3).then(1).when(v >= med).then(2).when(v >= q1).then(3).otherwise(4))
    lower = (pl.when(v <= q1).then(1).when(v <= med).then(2).when(v <= q3).then(3).otherwise(4))
    return (
        pl.when(pl.col("others_mean").is_null() | (pl.col("direction") == "none")).then(None)
        .when(pl.col("direction") == "lower").then(lower)
        .otherwise(higher)
        .cast(pl.Int8)
    )


def _directions() -> pl.DataFrame:
    found = all_indicators()
    return pl.DataFrame({
        "indicator": list(found),
        "direction": [i.direction for i in found.values()],
        "unit": [i.unit for i in found.values()],
    })


def raise_to_mean(results: pl.DataFrame) -> pl.DataFrame:
    """Per indicator and year: the overall figure now (all numerators over all denominators),
    the mean of the authorities' values, and the overall figure if every authority on the wrong
    side of that mean performed at it, with the extra children (or days) that implies.

    Only for percentages and averages with a direction; counts and rates have no denominator
    to pool.
    """
    rows = (
        results.drop_nulls("value")
        .filter(pl.col("denominator") > 0)
        .join(_directions(), on="indicator", how="left")
        .filter((pl.col("direction") != "none") & pl.col("unit").is_in(["%", *AVERAGE_UNITS]))
        .with_columns(pl.col("value").mean().over("indicator", "year").alias("mean"))
    )
    scale = pl.when(pl.col("unit") == "%").then(100.0).otherwise(1.0)
    behind = (
        pl.when(pl.col("direction") == "higher").then(pl.col("value") < pl.col("mean"))
        .otherwise(pl.col("value") > pl.col("mean"))
    )
    raised = pl.when(behind).then(pl.col("mean") / scale * pl.col("denominator")).otherwise(
        pl.col("numerator")
    )
    return (
        rows.with_columns(behind.alias("behind"), raised.alias("raised_numerator"), scale.alias("scale"))
        .group_by("indicator", "year", maintain_order=True)
        .agg(
            pl.len().alias("authorities"),
            pl.col("behind").sum().alias("below_mean"),
            pl.col("mean").first(),
            (pl.col("numerator").sum() / pl.col("denominator").sum() * pl.col("scale").first())
            .alias("overall"),
            (pl.col("raised_numerator").sum() / pl.col("denominator").sum()
             * pl.col("scale").first()).alias("overall_if_raised"),
            (pl.col("raised_numerator").sum() - pl.col("numerator").sum()).alias("difference"),
        )
        .sort("indicator", "year")
    )
