"""What every clock needs, computed once per evaluation and cut back to the "as at" date.

Evaluating "as at" a date means pretending it is that day: episodes that had not started are
dropped, episodes that ended later are still open, and events recorded later did not happen yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import polars as pl

from carematters.compliance.settings import ComplianceSettings
from carematters.data.caredata import CareData
from carematters.data.codes import SHORT_BREAK_LS
from carematters.data.episodes import carer_spells, drop_short_breaks, periods_of_care
from carematters.data.years import year_start

#: The date column of each extension table that records when the event happened.
EVENT_DATES = {
    "Reviews": "REVIEW",
    "ReviewRecords": "REVIEW",
    "CareEndings": "DEC",
    "Visits": "VISIT_DATE",
    "HealthAssessments": "ASSESSMENT_DATE",
    "DentalChecks": "CHECK_DATE",
    "SDQScores": "SDQ_DATE",
    "PEPs": "PEP_DATE",
    "Plans": "PLAN_DATE",
    "PathwayPlans": "PLAN_DATE",
    "PAContacts": "CONTACT_DATE",
    "IROAllocations": "IRO_START",
    "Missing": "MIS_START",
    "ReviewTriggers": "TRIGGER_DATE",
    "VisitRequests": "REQUEST_DATE",
}


@dataclass(frozen=True)
class Context:
    data: CareData
    as_at: date
    settings: ComplianceSettings

    @cached_property
    def all_episodes(self) -> pl.DataFrame:
        """Every episode as known on `as_at`, short breaks included."""
        eps = self.data["Episodes"].filter(pl.col("DECOM") <= self.as_at)
        later = pl.col("DEC") > self.as_at
        return eps.with_columns(
            pl.when(later).then(None).otherwise(pl.col("DEC")).alias("DEC"),
            pl.when(later).then(None).otherwise(pl.col("REC")).alias("REC"),
        )

    @cached_property
    def episodes(self) -> pl.DataFrame:
        """Episodes without short breaks (V3/V4 children have their own clock, T7)."""
        return drop_short_breaks(self.all_episodes)

    @cached_property
    def short_breaks(self) -> pl.DataFrame:
        return self.all_episodes.filter(pl.col("LS").is_in(SHORT_BREAK_LS))

    @cached_property
    def periods(self) -> pl.DataFrame:
        """CHILD, PERIOD, PERIOD_START, PERIOD_END (null while open), END_REASON."""
        return periods_of_care(self.episodes)

    @cached_property
    def spells(self) -> pl.DataFrame:
        """One row per carer spell: CHILD, PERIOD, SPELL, SPELL_START, SPELL_END (null while open),
        FIRST_PLACE, LAST_PLACE, LAST_LS, and CARE_ORDER_FROM (first day on a full care order)."""
        return carer_spells(
            self.episodes,
            pl.col("LS").last().alias("LAST_LS"),
            pl.col("DECOM").filter(pl.col("LS") == "C2").first().alias("CARE_ORDER_FROM"),
        ).drop("PROVIDER", "START_RNE")

    @cached_property
    def horizon(self) -> date | None:
        """First day the data can judge: items due before the earliest collection year held are
        dropped, because the reviews or visits that met them are in returns we do not have."""
        return year_start(min(self.data.years)) if self.data.years else None

    @cached_property
    def looked_after(self) -> pl.DataFrame:
        """CHILD of every child looked after (outside short breaks) at the end of `as_at`."""
        return self.periods.filter(pl.col("PERIOD_END").is_null()).select("CHILD").unique()

    @cached_property
    def dob(self) -> pl.DataFrame:
        """CHILD, DOB: Header first, then any other table that carries a date of birth."""
        frames = [
            self.data[name].select("CHILD", "DOB")
            for name in ("Header", "OC3", "OC2", "Reviews", "SWEpisodes", "Missing", "UASC")
        ]
        return (
            pl.concat(frames)
            .drop_nulls()
            .unique("CHILD", keep="first", maintain_order=True)
        )

    def shared(self, key: str, build: Callable[[Context], pl.DataFrame]) -> pl.DataFrame:
        """`build(self)`, computed once per evaluation: for a chain several timescale modules
        take their items from (the visit chain of T8-T13)."""
        store = self.__dict__.setdefault("_shared", {})
        if key not in store:
            store[key] = build(self)
        return store[key]

    def events(self, name: str) -> pl.DataFrame:
        """Rows of an event table dated on or before `as_at`."""
        return self.data[name].filter(pl.col(EVENT_DATES[name]) <= self.as_at)

    def event_dates(self, name: str, where: pl.Expr | None = None) -> pl.DataFrame:
        """CHILD, DATE: the distinct dates of one kind of event (several on one day count once)."""
        frame = self.events(name)
        if where is not None:
            frame = frame.filter(where)
        return (
            frame.select("CHILD", pl.col(EVENT_DATES[name]).alias("DATE"))
            .drop_nulls()
            .unique()
        )
