"""What every indicator starts from for one authority and one collection year.

Derived frames (episodes without short breaks, carer spells, periods of care, the cohorts at
31 March) are built once per Context and shared by all the indicators computed from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

import polars as pl

from carematters.data.caredata import CareData
from carematters.data.episodes import (
    carer_spells,
    continuously_looked_after,
    continuously_looked_after_until,
    drop_short_breaks,
    looked_after_at_year_end,
    periods_of_care,
    with_spells,
)
from carematters.data.years import age_on_expr, year_end, year_start
from carematters.indicators.params import Parameters
from carematters.indicators.registry import NotAvailable

_DOB_TABLES = ("Header", "OC2", "OC3", "AD1", "UASC", "Reviews", "PlacedAdoption",
               "PrevPerm", "Missing", "SWEpisodes")


class Derived:
    """Frames that depend on the data only, not the year: built once, shared by every year."""

    def __init__(self, data: CareData) -> None:
        self.data = data

    @cached_property
    def episodes(self) -> pl.DataFrame:
        """Episodes with V3/V4 short breaks removed (spec §1.1: every indicator is after this)."""
        return drop_short_breaks(self.data["Episodes"])

    @cached_property
    def spell_episodes(self) -> pl.DataFrame:
        return with_spells(self.episodes)

    @cached_property
    def spells(self) -> pl.DataFrame:
        return carer_spells(self.spell_episodes)

    @cached_property
    def periods(self) -> pl.DataFrame:
        return periods_of_care(self.spell_episodes)

    @cached_property
    def dob(self) -> pl.DataFrame:
        """CHILD, DOB from the Header, falling back on any other table that carries DOB."""
        frames = [
            self.data[name].select("CHILD", "DOB").drop_nulls()
            for name in _DOB_TABLES
            if name in self.data
        ]
        if not frames:
            return pl.DataFrame(schema={"CHILD": pl.String(), "DOB": pl.Date()})
        return pl.concat(frames).unique("CHILD", keep="first", maintain_order=True)


class Context:
    def __init__(self, data: CareData, year: int, params: Parameters | None = None,
                 derived: Derived | None = None) -> None:
        self.data = data
        self.year = year
        self.params = params or Parameters()
        self.start: date = year_start(year)
        self.end: date = year_end(year)
        self.derived = derived if derived is not None and derived.data is data else Derived(data)
        self._memo: dict[tuple, pl.DataFrame] = {}

    def memo(self, key: tuple, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """A frame several indicators of this year share (a cohort, a domain), built once."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def require(self, *names: str) -> None:
        missing = [n for n in names if n not in self.data]
        if missing:
            raise NotAvailable(f"needs the {', '.join(missing)} table(s), not in this data")

    @cached_property
    def coverage_start(self) -> date:
        """First day the data can be trusted to hold every episode and review (its first year)."""
        years = self.data.years or (self.year,)
        return year_start(min(years))

    @property
    def all_episodes(self) -> pl.DataFrame:
        return self.data["Episodes"]

    @property
    def episodes(self) -> pl.DataFrame:
        return self.derived.episodes

    @property
    def spell_episodes(self) -> pl.DataFrame:
        return self.derived.spell_episodes

    @property
    def spells(self) -> pl.DataFrame:
        return self.derived.spells

    @property
    def periods(self) -> pl.DataFrame:
        return self.derived.periods

    @property
    def dob(self) -> pl.DataFrame:
        return self.derived.dob

    @cached_property
    def looked_after_at_end(self) -> pl.DataFrame:
        """Looked after at 31 March, with the open episode and its PERIOD and SPELL numbers."""
        return looked_after_at_year_end(self.spell_episodes, self.year)

    @cached_property
    def continuously_looked_after(self) -> pl.DataFrame:
        """The OC2 cohort (looked after for 12 months at 31 March); short breaks break it."""
        if self.params.oc2_reference == "30 September":
            return continuously_looked_after_until(
                self.all_episodes, self.oc2_reference_date
            ).select("CHILD")
        return continuously_looked_after(self.all_episodes, self.year).select("CHILD")

    @property
    def oc2_reference_date(self) -> date:
        """The day the OC2 cohort is taken, and its ages measured (parameter oc2_reference)."""
        return date(self.year - 1, 9, 30) if self.params.oc2_reference == "30 September" else self.end

    def with_age(self, frame: pl.DataFrame, on: date | None = None, name: str = "AGE") -> pl.DataFrame:
        """`frame` with the child's age in whole years on `on` (31 March by default)."""
        if "DOB" not in frame.columns:
            frame = frame.join(self.dob, on="CHILD", how="left")
        return frame.with_columns(age_on_expr(pl.col("DOB"), on or self.end).alias(name))
