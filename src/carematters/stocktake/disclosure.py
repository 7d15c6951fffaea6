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
is hidden whole; a sum whose hidden cells are exposed (one alone, or together no more than the
threshold, which bounds each of them) hides one more of its parts.
Last, an audit solves the published equations as a reader would: a hidden cell that they fix
uniquely gets company in one of its sums, until no hidden cell can be solved for.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from carematters.stocktake.suppression import DEFAULT_THRESHOLD, exposed, is_small

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
    lines = _Lines(sums, groups)
    while True:
        _secondary(cells, hidden, lines, groups, threshold)
        solvable = solved_cells(cells, hidden, sums, relations.equal)
        if not solvable or not _widen(cells, hidden, lines, solvable):
            return hidden


def _known(keys: Iterable[Key], cells: Mapping[Key, float | None]) -> tuple[Key, ...]:
    return tuple(k for k in keys if cells.get(k) is not None)


class _Lines:
    """The sums and, for each cell, the sums it is in, to choose secondary cells well."""

    def __init__(self, sums: list[tuple[tuple[Key, ...], Key]],
                 groups: Iterable[tuple[Key, ...]] = ()):
        self.sums = sums
        self.of: dict[Key, list[int]] = {}
        for i, (line, _) in enumerate(sums):
            for key in line:
                self.of.setdefault(key, []).append(i)
        self.same: dict[Key, tuple[Key, ...]] = {k: g for g in groups for k in g}

    def partner(self, i: int, cells: Mapping[Key, float | None], hidden: set[Key],
                zeros: bool = False) -> Key | None:
        """The shown non-zero cell of sum `i` to hide with its one hidden cell (a zero too if
        `zeros`, the last resort when nothing else is left to hide).

        Prefer a cell that also completes another sum left with one hidden cell, then one that
        leaves no other sum with a single hidden cell, then a part over the total, then the
        smallest: the usual aim of hiding as little, and as little that matters, as possible.
        """
        line, total = self.sums[i]
        candidates = []
        for key in line:
            if key in hidden or cells[key] is None or (cells[key] == 0 and not zeros):
                continue
            others = [sum(k in hidden for k in self.sums[j][0]) for j in self.of[key] if j != i]
            score = sum(1 for n in others if n == 0) - sum(1 for n in others if n == 1)
            candidates.append((score, key == total, cells[key], str(key), key))
        return min(candidates)[4] if candidates else None


def _secondary(cells: Mapping[Key, float | None], hidden: set[Key], lines: _Lines,
               groups: list[tuple[Key, ...]], threshold: int) -> None:
    changed = True
    while changed:
        changed = False
        for group in groups:
            if any(k in hidden for k in group) and not all(k in hidden for k in group):
                hidden.update(group)
                changed = True
        for i, (line, _) in enumerate(lines.sums):
            if exposed([cells[k] for k in line], [k in hidden for k in line], threshold):
                extra = lines.partner(i, cells, hidden)
                if extra is not None:
                    hidden.add(extra)
                    changed = True


def _widen(cells: Mapping[Key, float | None], hidden: set[Key], lines: _Lines,
           solvable: set[Key]) -> bool:
    """Hide one more cell near the first solvable cell (then the caller looks again, since
    that may free others): in a sum holding it, or else in the nearest sum reached through
    hidden cells (North's and England's totals give South's away with every cell in South's
    own sum already hidden). Zeros only if nothing else is left. False when every cell of
    those sums is hidden already: the equations left are then all over hidden cells, and
    only a zero can be pinned down by them."""
    for zeros in (False, True):
        for key in sorted(solvable, key=str):
            for i in _nearest_sums(key, lines, hidden):
                extra = lines.partner(i, cells, hidden, zeros)
                if extra is not None:
                    hidden.add(extra)
                    return True
    return False


def _nearest_sums(key: Key, lines: _Lines, hidden: set[Key]) -> list[int]:
    """The sums holding `key` (or a cell hidden with it), then those holding their hidden
    cells, and so on (breadth first)."""
    order: list[int] = []
    seen_sums: set[int] = set()
    seen_keys, frontier = {key}, [key]
    while frontier:
        reached: list[Key] = []
        for k in frontier:
            reached += [c for c in lines.same.get(k, ()) if c not in seen_keys]
            for i in lines.of.get(k, []):
                if i not in seen_sums:
                    seen_sums.add(i)
                    order.append(i)
                    reached += [c for c in lines.sums[i][0] if c in hidden and c not in seen_keys]
        frontier = list(dict.fromkeys(reached))
        seen_keys.update(frontier)
    return order


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
