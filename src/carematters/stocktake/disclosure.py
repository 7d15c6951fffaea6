"""Which cells of a publication to hide so no small count can be read or worked back.

The publication is a set of numeric cells plus what a reader knows about them:

- `sums`: parts that add up to a published total (each indicator's authorities to the pooled
  figure; a family of percentages to their shared denominator; ages 19, 20 and 21 to 19-21);
- `equal`: cells that are the same number by definition (children who ceased to be adopted are
  ADOPTED and the numerator of CEASED_ADOPTION), so hiding one and showing the other hides
  nothing;
- `together`: cells that must be hidden together without being equal (an average's summed
  days with its number of children).

Primary suppression hides counts from 1 to the threshold (zero is shown: it is not disclosive).
Secondary suppression then repeats until stable: an `equal` or `together` group partly hidden
is hidden whole; a sum with exactly one hidden cell hides its smallest other non-zero part.
Last, an audit solves the published equations as a reader would: a hidden cell that they fix
uniquely gets company in one of its sums, until no hidden cell can be solved for.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from carematters.stocktake.suppression import DEFAULT_THRESHOLD, is_small

Key = Hashable


@dataclass
class Relations:
    sums: list[tuple[tuple[Key, ...], Key]] = field(default_factory=list)  # (parts, total)
    equal: list[tuple[Key, ...]] = field(default_factory=list)
    together: list[tuple[Key, ...]] = field(default_factory=list)


def protect(
    cells: Mapping[Key, float | None],
    counts: Iterable[Key],
    relations: Relations,
    threshold: int = DEFAULT_THRESHOLD,
) -> set[Key]:
    """The keys of `cells` to hide. `counts` are the cells that count children (primary
    suppression applies to them only); a None cell is not published and constrains nothing."""
    hidden = {k for k in counts if is_small(cells.get(k), threshold)}
    sums = [_known(parts + (total,), cells) for parts, total in relations.sums]
    sums = [(line, total) for line, (_, total) in zip(sums, relations.sums, strict=True)
            if total in line and len(line) > 1]
    groups = [_known(g, cells) for g in (*relations.equal, *relations.together)]
    while True:
        _secondary(cells, hidden, sums, groups)
        solvable = solved_cells(cells, hidden, sums, relations.equal)
        if not solvable or not _widen(cells, hidden, sums, solvable):
            return hidden


def _known(keys: Iterable[Key], cells: Mapping[Key, float | None]) -> tuple[Key, ...]:
    return tuple(k for k in keys if cells.get(k) is not None)


def _smallest_visible(line: Iterable[Key], cells: Mapping[Key, float | None],
                      hidden: set[Key], avoid: Key | None = None) -> Key | None:
    """The smallest shown non-zero cell of a line, a part before the total (`avoid`)."""
    candidates = [(k == avoid, cells[k], str(k), k) for k in line
                  if k not in hidden and cells[k] not in (None, 0)]
    return min(candidates)[3] if candidates else None


def _secondary(cells: Mapping[Key, float | None], hidden: set[Key],
               sums: list[tuple[tuple[Key, ...], Key]], groups: list[tuple[Key, ...]]) -> None:
    changed = True
    while changed:
        changed = False
        for group in groups:
            if any(k in hidden for k in group) and not all(k in hidden for k in group):
                hidden.update(group)
                changed = True
        for line, total in sums:
            if sum(k in hidden for k in line) == 1:
                extra = _smallest_visible(line, cells, hidden, avoid=total)
                if extra is not None:
                    hidden.add(extra)
                    changed = True


def _widen(cells: Mapping[Key, float | None], hidden: set[Key],
           sums: list[tuple[tuple[Key, ...], Key]], solvable: set[Key]) -> bool:
    """Hide one more cell in a sum holding each solvable cell; False if none can be found."""
    widened = False
    for key in sorted(solvable, key=str):
        for line, total in sums:
            if key in line:
                extra = _smallest_visible(line, cells, hidden, avoid=total)
                if extra is not None:
                    hidden.add(extra)
                    widened = True
                    break
    return widened


def solved_cells(cells: Mapping[Key, float | None], hidden: set[Key],
                 sums: list[tuple[tuple[Key, ...], Key]],
                 equal: Iterable[tuple[Key, ...]]) -> set[Key]:
    """Hidden cells a reader can solve for exactly from the shown cells and the relations.

    Each relation is a linear equation; with the shown cells moved to the right-hand side, a
    hidden cell is fixed when its unit vector lies in the row space of the equations over the
    hidden cells, i.e. every solution of the homogeneous system has it at zero.
    """
    rows: list[dict[Key, float]] = []
    for line, total in sums:
        row = {k: (-1.0 if k == total else 1.0) for k in line if k in hidden}
        if row:
            rows.append(row)
    for group in equal:
        members = [k for k in group if k in hidden and cells.get(k) is not None]
        rows += [{a: 1.0, b: -1.0} for a, b in zip(members, members[1:], strict=False)]
    solved: set[Key] = set()
    for component in _components(rows):
        solved |= _fixed(component)
    return solved


def _components(rows: list[dict[Key, float]]) -> list[list[dict[Key, float]]]:
    """Equations grouped by the hidden cells they share (union-find), to keep matrices small."""
    parent: dict[Key, Key] = {}

    def find(k: Key) -> Key:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for row in rows:
        first, *rest = row
        for k in rest:
            parent[find(k)] = find(first)
    grouped: dict[Key, list[dict[Key, float]]] = {}
    for row in rows:
        grouped.setdefault(find(next(iter(row))), []).append(row)
    return list(grouped.values())


def _fixed(rows: list[dict[Key, float]]) -> set[Key]:
    keys = sorted({k for row in rows for k in row}, key=str)
    index = {k: i for i, k in enumerate(keys)}
    matrix = np.zeros((len(rows), len(keys)))
    for r, row in enumerate(rows):
        for k, coefficient in row.items():
            matrix[r, index[k]] = coefficient
    # Null space from the SVD: the right singular vectors beyond the rank.
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return set(keys)
    free = np.abs(null).max(axis=0) > 1e-9
    return {k for k, moves in zip(keys, free, strict=True) if not moves}
