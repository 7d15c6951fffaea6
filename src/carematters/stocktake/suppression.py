"""Small-number suppression (DESIGN.md conventions).

Any table shown to people outside the case (elected members, the public, pooled stocktakes)
hides counts from 1 to 5, and then hides further "secondary" cells wherever a hidden count could
be worked back out from the others and a published total. Zero is not disclosive and is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

SUPPRESSED = "[c]"  # the DfE statistics' marker for a confidential (suppressed) cell
DEFAULT_THRESHOLD = 5


def is_small(value: float | int | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    return value is not None and 0 < value <= threshold


def exposed(values: Sequence[int | float | None], hidden: Sequence[bool],
            threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a line with a published total gives its hidden cells away: when only one is
    hidden (subtraction finds it), or when together they hold `threshold` or fewer (the total
    then bounds each: two hidden cells adding up to 2 are both 1)."""
    kept = [v for v, h in zip(values, hidden, strict=True) if h and v is not None]
    return len(kept) == 1 or (len(kept) > 1 and sum(kept) <= threshold)


def suppress_counts(
    counts: Sequence[int | None], threshold: int = DEFAULT_THRESHOLD, *, has_total: bool = True
) -> list[bool]:
    """Which cells of one line of counts to hide.

    Primary: every count from 1 to `threshold`. Secondary, when the line has a published total:
    while the hidden cells are `exposed` (one alone, or together `threshold` or fewer), the
    smallest shown non-zero cell is hidden too.
    """
    hidden = [is_small(v, threshold) for v in counts]
    while has_total and exposed(counts, hidden, threshold):
        candidates = [
            (v, i) for i, v in enumerate(counts) if not hidden[i] and v is not None and v > 0
        ]
        if not candidates:
            break
        hidden[min(candidates)[1]] = True
    return hidden


def suppress_table(
    frame: pl.DataFrame,
    count_columns: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    has_totals: bool = True,
) -> pl.DataFrame:
    """Suppress a table of counts by rows and columns until no hidden cell can be recovered.

    Returns the frame with each count column turned to text, hidden cells replaced by
    `SUPPRESSED`. With `has_totals`, rows and columns are treated as summing to published totals,
    so secondary suppression runs along both until nothing changes.
    """
    values = [[frame[c][i] for c in count_columns] for i in range(frame.height)]
    hidden = [[is_small(v, threshold) for v in row] for row in values]
    changed = has_totals
    while changed:
        changed = False
        lines = [[(r, c) for c in range(len(count_columns))] for r in range(len(values))]
        lines += [[(r, c) for r in range(len(values))] for c in range(len(count_columns))]
        for line in lines:
            if not exposed([values[r][c] for r, c in line], [hidden[r][c] for r, c in line],
                           threshold):
                continue
            candidates = [
                (values[r][c], r, c)
                for r, c in line
                if not hidden[r][c] and values[r][c] is not None and values[r][c] > 0
            ]
            if candidates:
                _, r, c = min(candidates)
                hidden[r][c] = True
                changed = True
    replaced = {
        name: [
            SUPPRESSED if hidden[r][j] else ("" if values[r][j] is None else str(values[r][j]))
            for r in range(len(values))
        ]
        for j, name in enumerate(count_columns)
    }
    return frame.with_columns(
        pl.Series(name, cells, dtype=pl.String) for name, cells in replaced.items()
    )
