"""Survey results as they may be shown: small numbers suppressed before anything is rendered.

Counts of children from 1 to 5 are hidden (`carematters.stocktake.suppression`), and so is any
count that would give a hidden one away. Within a year and an area (or domain), the bands add up
to the `all` row, and each row's positive and other children add up to its respondents, so
secondary suppression runs along both. A percentage is shown only when neither the positive
children nor the others are hidden.
"""

from __future__ import annotations

import polars as pl

from carematters.stocktake.suppression import (
    DEFAULT_THRESHOLD,
    SUPPRESSED,
    suppress_counts,
    suppress_table,
)
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
    block = block.with_columns(OTHER=pl.col("RESPONDENTS") - pl.col("POSITIVE"))
    bands = block.filter(pl.col("BAND") != ALL_BANDS)
    shown_bands = suppress_table(bands, ["POSITIVE", "OTHER"], threshold)
    shown_bands = shown_bands.with_columns(
        suppress_table(bands, ["RESPONDENTS"], threshold)["RESPONDENTS"])
    total = block.filter(pl.col("BAND") == ALL_BANDS)
    rows = []
    for row in total.iter_rows(named=True):
        hidden = suppress_counts([row["POSITIVE"], row["OTHER"]], threshold)
        small = suppress_counts([row["RESPONDENTS"]], threshold, has_total=False)[0]
        rows.append({**row,
                     "POSITIVE": SUPPRESSED if hidden[0] else str(row["POSITIVE"]),
                     "OTHER": SUPPRESSED if hidden[1] else str(row["OTHER"]),
                     "RESPONDENTS": SUPPRESSED if small else str(row["RESPONDENTS"])})
    shown = pl.concat([shown_bands, pl.DataFrame(rows, schema=shown_bands.schema)])
    raw = pl.concat([bands, total])["RESPONDENTS"].to_list()
    percents = [_percent(p, o, n) for p, o, n in
                zip(shown["POSITIVE"], shown["OTHER"], raw, strict=True)]
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
