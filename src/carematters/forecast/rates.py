"""Rates learnt from a reference window: entries by age and group, moves between groups and
exits by (age band, group), as events per child-day of exposure.

Exposure counts nights: a run covers START up to the day before END. A run ending on day e
contributes an event if its last night (e - 1) is in the window, and the event belongs to the
band of the child's age on that night. Leaving care at or after the 18th birthday is ageing
out, which the projection does by itself, so it is not counted as an exit and exposure stops at
the birthday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from carematters.data.years import age_on_expr
from carematters.forecast.states import AGE_BANDS, band_expr

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Rates:
    """Counts and exposure from the window, and the per-day rates made from them.

    Shapes: B bands, G groups. exposure[B, G] child-days; moves[B, G, G]; exits[B, G];
    entries[18, G] by whole years of age at entry; window_days the window's length.
    `prior_days` shrinks each band's rate towards the group's all-ages rate, as if that many
    extra child-days had been seen at it: thin cells borrow strength, full cells barely move.
    """

    groups: tuple[str, ...]
    start: date
    end: date
    exposure: np.ndarray
    moves: np.ndarray
    exits: np.ndarray
    entries: np.ndarray
    prior_days: float = 90.0

    @property
    def window_days(self) -> int:
        return (self.end - self.start).days + 1

    def _pooled(self, counts: np.ndarray) -> np.ndarray:
        exposure = self.exposure.sum(axis=0)
        exposure = exposure.reshape(exposure.shape + (1,) * (counts.ndim - 2))
        pooled = counts.sum(axis=0) / np.where(exposure > 0, exposure, 1.0)
        return np.broadcast_to(pooled, counts.shape)

    def _shape_rate(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Gamma posterior (shape, rate) per cell: prior of `prior_days` at the pooled rate."""
        exposure = self.exposure.reshape(self.exposure.shape + (1,) * (counts.ndim - 2))
        shape = counts + self.prior_days * self._pooled(counts)
        return shape, exposure + self.prior_days

    def move_rate(self) -> np.ndarray:
        shape, rate = self._shape_rate(self.moves)
        return np.divide(shape, rate, out=np.zeros_like(shape), where=rate > 0)

    def exit_rate(self) -> np.ndarray:
        shape, rate = self._shape_rate(self.exits)
        return np.divide(shape, rate, out=np.zeros_like(shape), where=rate > 0)

    def entry_rate(self) -> np.ndarray:
        return self.entries / self.window_days

    def draws(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """n draws of (entry, move, exit) rates from their Gamma posteriors: parameter
        uncertainty for the bands. Shapes gain a leading axis of n."""
        def draw(counts: np.ndarray) -> np.ndarray:
            shape, rate = self._shape_rate(counts)
            safe = np.where(rate > 0, rate, 1.0)
            return rng.gamma(shape, 1.0, size=(n, *shape.shape)) / safe * (rate > 0)

        entry = rng.gamma(self.entries, 1.0, size=(n, *self.entries.shape)) / self.window_days
        return entry, draw(self.moves), draw(self.exits)


def _exposure(run_frame: pl.DataFrame, start: date, after_end: date) -> pl.DataFrame:
    """Child-days per (B, G) inside [start, after_end), split at band birthdays."""
    bands = pl.DataFrame({
        "B": list(range(len(AGE_BANDS))),
        "LO": [lo for _, lo, _ in AGE_BANDS],
        "HI": [hi for _, _, hi in AGE_BANDS],
    }, schema={"B": pl.Int32, "LO": pl.Int32, "HI": pl.Int32})
    clipped = run_frame.select(
        "GROUP", "DOB",
        pl.max_horizontal("START", pl.lit(start)).alias("A"),
        pl.min_horizontal(pl.col("END").fill_null(after_end), pl.lit(after_end)).alias("Z"),
    ).filter(pl.col("Z") > pl.col("A"))
    return (
        clipped.join(bands, how="cross")
        .with_columns(
            (pl.min_horizontal("Z", pl.col("DOB").dt.offset_by(pl.format("{}y", "HI")))
             - pl.max_horizontal("A", pl.col("DOB").dt.offset_by(pl.format("{}y", "LO"))))
            .dt.total_days().clip(lower_bound=0).alias("DAYS")
        )
        .group_by("B", "GROUP").agg(pl.col("DAYS").sum())
    )


def _fill(frame: pl.DataFrame, shape: tuple[int, ...], index: list[str], value: str) -> np.ndarray:
    out = np.zeros(shape)
    if frame.height:
        out[tuple(frame[c].to_numpy() for c in index)] = frame[value].to_numpy()
    return out


def estimate(run_frame: pl.DataFrame, groups: tuple[str, ...], start: date, end: date,
             prior_days: float = 90.0) -> Rates:
    """Learn the rates from runs over the nights start..end (inclusive)."""
    after_end = end + timedelta(days=1)
    codes = {g: i for i, g in enumerate(groups)}
    as_index = pl.col("GROUP").replace_strict(codes, default=None)
    exposure = _exposure(run_frame, start, after_end).with_columns(as_index.alias("G")).drop_nulls()

    last_night = pl.col("END") - pl.duration(days=1)
    ended = run_frame.filter(
        (pl.col("END") > start) & (pl.col("END") <= after_end)
        & (age_on_expr(pl.col("DOB"), pl.col("END")) < 18)
    ).with_columns(
        band_expr(age_on_expr(pl.col("DOB"), last_night)).alias("B"),
        as_index.alias("G"),
        pl.col("NEXT_GROUP").replace_strict(codes, default=None).alias("H"),
    ).drop_nulls(["B", "G"])
    moves = ended.filter(pl.col("H").is_not_null()).group_by("B", "G", "H").len()
    exits = ended.filter(pl.col("EXIT")).group_by("B", "G").len()
    entries = run_frame.filter(
        pl.col("ENTRY") & pl.col("START").is_between(start, end)
    ).with_columns(
        age_on_expr(pl.col("DOB"), pl.col("START")).alias("Y"), as_index.alias("G")
    ).filter(pl.col("Y").is_between(0, 17)).drop_nulls("G").group_by("Y", "G").len()

    n_bands, n_groups = len(AGE_BANDS), len(groups)
    return Rates(
        groups=groups, start=start, end=end,
        exposure=_fill(exposure, (n_bands, n_groups), ["B", "G"], "DAYS"),
        moves=_fill(moves, (n_bands, n_groups, n_groups), ["B", "G", "H"], "len"),
        exits=_fill(exits, (n_bands, n_groups), ["B", "G"], "len"),
        entries=_fill(entries, (18, n_groups), ["Y", "G"], "len"),
        prior_days=prior_days,
    )
