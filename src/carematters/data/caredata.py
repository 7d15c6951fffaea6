"""CareData: the one shape every engine reads (DESIGN.md).

An immutable bundle of Polars frames keyed by table name, with the authority, the collection
year(s) and where the data came from. Asking for a table that is absent gives an empty frame with
the declared schema, so engines never need `if "X" in data` guards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import polars as pl

from carematters.data.schema import SOURCE_ROW, TABLES, table


@dataclass(frozen=True)
class CareData:
    tables: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    la: str | None = None
    years: tuple[int, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        unknown = [name for name in self.tables if name not in TABLES]
        if unknown:
            raise KeyError(f"unknown tables: {', '.join(unknown)}")
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))
        object.__setattr__(self, "years", tuple(sorted(set(self.years))))

    @property
    def year(self) -> int:
        """The collection year, for data that holds exactly one (most returns)."""
        if len(self.years) != 1:
            raise ValueError(f"expected one collection year, this data has {self.years or 'none'}")
        return self.years[0]

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name in self.tables:
            return self.tables[name]
        return table(name).empty()

    def __contains__(self, name: object) -> bool:
        return name in self.tables

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def with_tables(self, **frames: pl.DataFrame) -> CareData:
        return replace(self, tables={**self.tables, **frames})

    def without_source_rows(self) -> CareData:
        """The same data without the readers' source-row column (for comparing contents)."""
        return replace(
            self,
            tables={
                name: frame.drop(SOURCE_ROW, strict=False) for name, frame in self.tables.items()
            },
        )

    def row_counts(self) -> dict[str, int]:
        return {name: frame.height for name, frame in self.tables.items()}

    def equals(self, other: CareData) -> bool:
        """Same tables with the same rows, ignoring source rows and row order."""
        mine, theirs = self.without_source_rows(), other.without_source_rows()
        if set(mine.tables) != set(theirs.tables):
            return False
        for name, frame in mine.tables.items():
            other_frame = theirs.tables[name]
            if frame.columns != other_frame.columns or frame.height != other_frame.height:
                return False
            if not frame.sort(frame.columns, nulls_last=True).equals(
                other_frame.sort(frame.columns, nulls_last=True)
            ):
                return False
        return True


def combine_years(returns: Iterable[CareData]) -> CareData:
    """One CareData spanning several collection years of one authority.

    Returns re-state history: an episode open at 31 March appears again in next year's return.
    Rows are keyed by each table's declared keys and the latest return's version wins, so an
    episode closed in a later year appears once, closed.
    """
    ordered = sorted(returns, key=lambda d: d.years[-1] if d.years else 0)
    if not ordered:
        return CareData()
    las = {d.la for d in ordered if d.la}
    if len(las) > 1:
        raise ValueError(f"combine_years is for one authority, got {sorted(las)}")
    names = sorted({name for d in ordered for name in d.tables})
    combined: dict[str, pl.DataFrame] = {}
    for name in names:
        frames = [
            d.tables[name].drop(SOURCE_ROW, strict=False).with_columns(
                pl.lit(i, pl.Int32).alias("__order")
            )
            for i, d in enumerate(ordered)
            if name in d.tables
        ]
        stacked = pl.concat(frames, how="diagonal_relaxed")
        keys = list(table(name).keys)
        combined[name] = (
            stacked.sort("__order")
            .unique(subset=keys, keep="last", maintain_order=True)
            .drop("__order")
            .sort(keys, nulls_last=True)
        )
    return CareData(
        combined,
        la=next(iter(las), None),
        years=tuple(y for d in ordered for y in d.years),
        source="; ".join(d.source for d in ordered if d.source),
    )
