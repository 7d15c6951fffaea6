"""Which collection year a return is for.

In order: the year the caller gives; a folder named after the year (`2025/`); the year written in
an XML header; otherwise the collection year of the latest episode date (DECOM or DEC), since a
return's episodes run up to, and never past, its 31 March (spec §1.1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from carematters.data.years import collection_year_of

_YEAR_NAME = re.compile(r"^(19|20|21)\d{2}$")


def year_from_name(path: Path) -> int | None:
    """The year a folder (or file stem) is named after: `2025` -> 2025; anything else None."""
    name = path.stem if path.suffix.lower() in (".csv", ".xml") else path.name
    return int(name) if _YEAR_NAME.match(name) else None


def year_from_data(tables: Mapping[str, pl.DataFrame]) -> int | None:
    """The collection year holding the latest episode start or end date."""
    episodes = tables.get("Episodes")
    if episodes is None or episodes.is_empty():
        return None
    latest = episodes.select(pl.max_horizontal(pl.col("DECOM").max(), pl.col("DEC").max())).item()
    return collection_year_of(latest) if latest is not None else None


def detect_year(
    tables: Mapping[str, pl.DataFrame],
    *,
    given: int | None = None,
    path: Path | None = None,
    stated: int | None = None,
) -> int | None:
    """The collection year: given, else from the folder name, else stated in the file, else data."""
    for year in (given, year_from_name(path) if path else None, stated):
        if year is not None:
            return year
    return year_from_data(tables)
