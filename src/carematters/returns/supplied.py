"""Columns a return may carry beyond the DfE CSV layout, kept as text when given.

- Header `UASC`: the XML's per-child flag (0/1), as sent. The CSV layout has no flag (the UASC
  file says who was UASC), and the XML reader turns a flag of 1, or a DUC, into a UASC row; the
  flag itself is kept only when some child's flag says more than that row does (a 0 beside a
  DUC, a missing flag, a value other than 0 or 1), so validation can report it (rules 105, 303,
  205B, 205C) and a return whose flags all agree with its UASC rows reads as before.
- Episodes `PL_LA`, `PL_LOCATION`, `PL_DISTANCE`: derived by the DfE from the postcodes, not
  submitted, but present in the DfE's download of a submitted return and in some systems'
  exports. Validation derives its own (docs/reference-data.md); rule 411 checks the sent ones.

The values are text, stripped, null when blank; a column is kept when at least one value is
given. The writers write them back (the CSV writer after the layout's columns, the XML writer as
elements), so a return round-trips.
"""

from __future__ import annotations

import polars as pl

from carematters.returns.parse import clean_text

#: Extra columns per table, in the order they are written.
SUPPLIED: dict[str, tuple[str, ...]] = {
    "Header": ("UASC",),
    "Episodes": ("PL_LA", "PL_LOCATION", "PL_DISTANCE"),
}

#: The Header column holding the XML UASC flag as sent.
UASC_FLAG = "UASC"


def supplied(table_name: str) -> tuple[str, ...]:
    return SUPPLIED.get(table_name, ())


def keep_supplied(raw: pl.DataFrame, typed: pl.DataFrame, table_name: str,
                  *, keep_blank: bool = False) -> pl.DataFrame:
    """`typed` with the supplied columns of `raw` (same rows) that hold at least one value (all
    of them with `keep_blank`: XML flags that are all missing are still worth reporting)."""
    present = [c for c in supplied(table_name) if c in raw.columns]
    if not present:
        return typed
    cleaned = raw.select(clean_text(c) for c in present)
    given = [c for c in present if keep_blank or cleaned[c].is_not_null().any()]
    return typed.hstack(cleaned.select(given).get_columns()) if given else typed


def present_in(frame: pl.DataFrame, table_name: str) -> list[str]:
    """The supplied columns `frame` carries, in their written order."""
    return [c for c in supplied(table_name) if c in frame.columns]
