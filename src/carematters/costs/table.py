"""The cost table: weekly placement costs and per-occurrence process costs, dated, per authority.

Spec §5.2 gives the default weekly figures ("illustrative 2024 prices; replace with local data")
and §5.1 leaves the per-process £ figures as a [GAP]: they default to unset and every result
that uses them says so. Each row carries the date it applies from and its price year, so a
table can say "IFA was £900 a week until March 2024 and £950 since".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from carematters.costs import groups as g

#: The eight CCfCS processes (spec §5.1). Process 3, maintaining the placement, is costed per
#: day from the weekly table; the other seven per occurrence.
FIRST_PLACEMENT = "first_placement"
CARE_PLANNING = "care_planning"
MAINTAINING_PLACEMENT = "maintaining_placement"
CEASING = "ceasing"
SUBSEQUENT_PLACEMENT = "subsequent_placement"
REVIEW = "review"
LEGAL = "legal"
LEAVING_CARE_TRANSITION = "leaving_care_transition"

PROCESSES: tuple[str, ...] = (
    FIRST_PLACEMENT, CARE_PLANNING, MAINTAINING_PLACEMENT, CEASING, SUBSEQUENT_PLACEMENT,
    REVIEW, LEGAL, LEAVING_CARE_TRANSITION,
)
EVENT_PROCESSES: tuple[str, ...] = tuple(p for p in PROCESSES if p != MAINTAINING_PLACEMENT)

DEFAULT_FROM = date(2024, 4, 1)
DEFAULT_PRICE_YEAR = 2024
DEFAULT_SOURCE = "spec §5.2 default: illustrative 2024 prices; replace with local data"

#: Spec §5.2 default weekly costs, £ per child per week. OTHER (health, family centre, Z1) has
#: no published figure and is left unset.
DEFAULT_WEEKLY: dict[str, float | None] = {
    g.KINSHIP: 450.0,
    g.FOSTER_IN_HOUSE: 700.0,
    g.FOSTER_IFA: 950.0,
    g.RESIDENTIAL_IN_HOUSE: 5000.0,
    g.RESIDENTIAL_EXTERNAL: 6100.0,
    g.SUPPORTED: 1500.0,
    g.SECURE: 8000.0,
    g.WITH_PARENTS: 150.0,
    g.ADOPTION: 150.0,
    g.OTHER: None,
}

#: Long form of a table: one row per (kind, item, valid_from). cost null = unset.
SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(),          # "weekly" or "process"
    "item": pl.String(),          # a cost group or a process
    "valid_from": pl.Date(),
    "cost": pl.Float64(),
    "price_year": pl.Int32(),
    "source": pl.String(),
}

_FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class CostTable:
    """An authority's costs. Edit with `with_cost`; save and load through `frame`/`from_frame`.

    The earliest row for an item also covers dates before it, so a table with one row per item
    prices all of history at those figures.
    """

    frame: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SCHEMA))
    la: str | None = None

    @classmethod
    def default(cls, la: str | None = None) -> CostTable:
        rows = [("weekly", item, cost) for item, cost in DEFAULT_WEEKLY.items()]
        rows += [("process", item, None) for item in EVENT_PROCESSES]
        frame = pl.DataFrame(
            {
                "kind": [r[0] for r in rows],
                "item": [r[1] for r in rows],
                "valid_from": [DEFAULT_FROM] * len(rows),
                "cost": [r[2] for r in rows],
                "price_year": [DEFAULT_PRICE_YEAR] * len(rows),
                "source": [DEFAULT_SOURCE] * len(rows),
            },
            schema=SCHEMA,
        )
        return cls(frame, la)

    @classmethod
    def from_frame(cls, frame: pl.DataFrame, la: str | None = None) -> CostTable:
        """From a long frame (e.g. a CSV the authority edited); dates may be ISO strings."""
        if frame.schema.get("valid_from") == pl.String:
            frame = frame.with_columns(pl.col("valid_from").str.to_date())
        missing = [c for c in SCHEMA if c not in frame.columns]
        if missing:
            raise ValueError(f"cost table lacks columns: {', '.join(missing)}")
        unknown = frame.filter(
            ~(
                ((pl.col("kind") == "weekly") & pl.col("item").is_in(g.GROUPS))
                | ((pl.col("kind") == "process") & pl.col("item").is_in(EVENT_PROCESSES))
            )
        )
        if unknown.height:
            bad = ", ".join(f"{k}/{i}" for k, i in unknown.select("kind", "item").rows())
            raise ValueError(f"unknown cost rows: {bad}")
        return cls(frame.select([pl.col(c).cast(t) for c, t in SCHEMA.items()]), la)

    def with_cost(
        self, kind: str, item: str, cost: float | None, valid_from: date,
        price_year: int | None = None, source: str = "local",
    ) -> CostTable:
        """A copy with one row added or replaced (same kind, item and valid_from)."""
        row = pl.DataFrame(
            {"kind": [kind], "item": [item], "valid_from": [valid_from], "cost": [cost],
             "price_year": [price_year or valid_from.year], "source": [source]},
            schema=SCHEMA,
        )
        kept = self.frame.filter(
            ~((pl.col("kind") == kind) & (pl.col("item") == item)
              & (pl.col("valid_from") == valid_from))
        )
        return CostTable.from_frame(pl.concat([kept, row]), self.la)

    def unset(self) -> list[str]:
        """Items with no figure (cost null) in their latest row: results count them as £0."""
        latest = self.frame.sort("valid_from").group_by("kind", "item").last()
        return sorted(
            f"{k}:{i}" for k, i in latest.filter(pl.col("cost").is_null()).select("kind", "item").rows()
        )

    def periods(self, kind: str) -> pl.DataFrame:
        """item, FROM, TO (exclusive), COST: the dated rows of one kind as half-open intervals."""
        rows = self.frame.filter(pl.col("kind") == kind).sort("item", "valid_from")
        first = pl.int_range(pl.len()).over("item") == 0
        return rows.select(
            "item",
            pl.when(first).then(pl.lit(date(1, 1, 1))).otherwise(pl.col("valid_from")).alias("FROM"),
            pl.col("valid_from").shift(-1).over("item").fill_null(_FAR_FUTURE).alias("TO"),
            pl.col("cost").fill_null(0.0).alias("COST"),
        )

    def weekly_on(self, day: date) -> dict[str, float]:
        """Weekly cost of each group on `day` (unset groups give 0)."""
        return self._on("weekly", day, g.GROUPS)

    def process_on(self, day: date) -> dict[str, float]:
        """Unit cost of each per-occurrence process on `day` (unset processes give 0)."""
        return self._on("process", day, EVENT_PROCESSES)

    def _on(self, kind: str, day: date, items: tuple[str, ...]) -> dict[str, float]:
        rows = self.periods(kind).filter((pl.col("FROM") <= day) & (pl.col("TO") > day))
        found = dict(rows.select("item", "COST").rows())
        return {item: found.get(item, 0.0) for item in items}
