"""Survey results as they may be shown: small numbers suppressed before anything is rendered.

Counts of children from 1 to 5 are hidden (`carematters.stocktake.suppression`), and so is any
count that would give a hidden one away. Within a year and an area (or domain), the bands add up
to the `all` row, and each row's positive and other children add up to its respondents, so
secondary suppression runs along both, totals included. A percentage is shown only when neither
the positive children nor the others are hidden.
"""

from __future__ import annotations

import polars as pl

from carematters.stocktake.suppression import DEFAULT_THRESHOLD, SUPPRESSED, suppress_table
from carematters.voice.aggregate import ALL_BANDS

PUBLISHED_SCHEMA = {
    "RESPONDENTS": pl.String, "POSITIVE": pl.String, "PERCENT": pl.String,
    "PERCENT_VALUE": pl.Float64,
}


def _percent(positive: str, other: str, respondents: int) -> tuple[str, float | None]:
    if respondents == 0:
        return "", None
    if SUPPRESSED in (positive, other):
        return SUPPRESSED, None
    value = 100 * int(positive) / respondents
    return f"{value:.0f}%", value


def _block(block: pl.DataFrame, threshold: int) -> pl.DataFrame:
    # One grid holds the parts and their totals as cells: each row is positive, other and all
    # the children answering (positive + other = all), each column the bands and the all-ages
    # row (bands add up to it). A line with exactly one hidden cell gives it away, and because
    # the line holds its own total there is always a non-zero cell to hide with it, zeros or not.
    block = block.with_columns(OTHER=pl.col("RESPONDENTS") - pl.col("POSITIVE")).sort(
        pl.col("BAND") == ALL_BANDS, maintain_order=True)
    shown = suppress_table(block, ["POSITIVE", "OTHER", "RESPONDENTS"], threshold)
    percents = [_percent(p, o, n) for p, o, n in
                zip(shown["POSITIVE"], shown["OTHER"], block["RESPONDENTS"], strict=True)]
    return shown.drop("OTHER").with_columns(
        PERCENT=pl.Series([p[0] for p in percents], dtype=pl.String),
        PERCENT_VALUE=pl.Series([p[1] for p in percents], dtype=pl.Float64),
    )


def publish(results: pl.DataFrame, key: str, threshold: int = DEFAULT_THRESHOLD) -> pl.DataFrame:
    """`by_area` or `by_domain` results (key "AREA" or "DOMAIN") with counts as text, small
    numbers suppressed, and the percentage positive (PERCENT text, PERCENT_VALUE for charts)."""
    if results.is_empty():
        return results.select("YEAR", key, "BAND").with_columns(
            pl.lit(None, dtype=t).alias(name) for name, t in PUBLISHED_SCHEMA.items())
    blocks = [_block(block, threshold)
              for _, block in results.group_by(["YEAR", key], maintain_order=True)]
    return pl.concat(blocks).select("YEAR", key, "BAND", *PUBLISHED_SCHEMA)
