"""The record as the engines see it, built once per request.

The compliance clocks need history (a review is due six months after the last one), so the record
is exported for the current collection year and the two before it through the app's one exporter
(`children/exporter.py`) and combined. Those years set the engine's horizon: items due before it
are not judged (its rule for returns we do not hold), which keeps long-missed duties off today's
to-do lists. Who is a care leaver, though, depends on care long ago (13 weeks in care after the
14th birthday, spec §1.5.20), and entitlements reach back to 2007 (Child Trust Fund top-ups), so
the episodes, headers and OC3 rows are read for every year since the authority's first episode.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property

import polars as pl
from django.db.models import Min

from carematters.compliance import evaluate
from carematters.compliance.items import ITEM_NAMES
from carematters.data.caredata import CareData, combine_years
from carematters.data.years import collection_year_of
from carematters.entitlements import entitlements
from carematters.web.children import models as m
from carematters.web.children.exporter import export_years

HISTORY_YEARS = 3
THIS_WEEK_DAYS = 7  # "due this week": today and the six days after it
#: What eligibility and the entitlement rules read, over the whole history.
LONG_HISTORY_TABLES = ("Episodes", "Header", "OC3")

#: Buckets of open work, most urgent first: an overdue duty that still applies, an item due in
#: the next seven days, and one due later within the engine's due-soon window (14 days).
BUCKETS = {"overdue": "Overdue", "this-week": "Due this week", "later": "Due soon"}
UNALLOCATED = "Not allocated"
NO_TEAM = "No team"


def today() -> date:
    """The as-at day of every page (a function so tests can fix the date)."""
    return date.today()


def _years_back(as_at: date, count: int) -> list[int]:
    latest = collection_year_of(as_at)
    return list(range(latest - count + 1, latest + 1))


class GripRecord:
    """Compliance items and entitlements for one authority as at one day, with each child's
    record details (page link, name, worker, team) alongside."""

    def __init__(self, authority, as_at: date):
        self.authority = authority
        self.as_at = as_at

    @cached_property
    def history(self) -> CareData:
        """Episodes, Header and OC3 for every year since the authority's first episode."""
        first = m.Episode.objects.filter(child__authority=self.authority).aggregate(
            first=Min("decom"))["first"]
        latest = collection_year_of(self.as_at)
        earliest = collection_year_of(first) if first else latest
        return combine_years(list(export_years(self.authority, range(earliest, latest + 1),
                                               LONG_HISTORY_TABLES).values()))

    @cached_property
    def data(self) -> CareData:
        """The recent years' record, every table, with the long history of the care itself."""
        recent = combine_years(list(export_years(
            self.authority, _years_back(self.as_at, HISTORY_YEARS)).values()))
        tables = {**recent.tables, **{name: self.history[name] for name in LONG_HISTORY_TABLES}}
        return CareData(tables, la=recent.la, years=recent.years, source=recent.source)

    @cached_property
    def children(self) -> pl.DataFrame:
        """CHILD (the authority's identifier), PK, NAME, WORKER_ID, WORKER, TEAM_ID, TEAM, STATUS."""
        rows = [
            {"CHILD": c.child_id, "PK": str(c.pk), "NAME": c.name,
             "WORKER_ID": c.social_worker_id,
             "WORKER": str(c.social_worker) if c.social_worker else UNALLOCATED,
             "TEAM_ID": c.team_id, "TEAM": c.team.name if c.team else NO_TEAM,
             "STATUS": c.status}
            for c in m.Child.objects.filter(authority=self.authority)
            .select_related("social_worker", "team")
        ]
        schema = {"CHILD": pl.String, "PK": pl.String, "NAME": pl.String, "WORKER_ID": pl.Int64,
                  "WORKER": pl.String, "TEAM_ID": pl.Int64, "TEAM": pl.String,
                  "STATUS": pl.String}
        return pl.DataFrame(rows, schema=schema)

    @cached_property
    def items(self) -> pl.DataFrame:
        """Every compliance item, with the child's details and WHAT (the item's short name)."""
        found = evaluate(self.data, self.as_at)
        return found.join(self.children, on="CHILD", how="inner").with_columns(
            pl.col("ITEM").replace_strict(ITEM_NAMES, default="").alias("WHAT")
        )

    @cached_property
    def open_work(self) -> pl.DataFrame:
        """Items still to do: overdue while the duty applies, or due within the due-soon window;
        BUCKET says which (see BUCKETS) and DAYS how many days overdue (negative: days to go)."""
        week_end = self.as_at + timedelta(days=THIS_WEEK_DAYS - 1)
        bucket = (
            pl.when((pl.col("STATUS") == "overdue") & pl.col("ACTIVE")).then(pl.lit("overdue"))
            .when(pl.col("DONE").is_null() & pl.col("DUE").is_between(self.as_at, week_end))
            .then(pl.lit("this-week"))
            .when(pl.col("STATUS") == "due_soon").then(pl.lit("later"))
        )
        days = (pl.lit(self.as_at) - pl.col("DUE")).dt.total_days()
        order = pl.col("BUCKET").replace_strict({b: i for i, b in enumerate(BUCKETS)},
                                                return_dtype=pl.Int8)
        return (
            self.items.with_columns(bucket.alias("BUCKET"), days.alias("DAYS"))
            .filter(pl.col("BUCKET").is_not_null())
            .with_columns(order.alias("URGENCY"))
            .sort(["URGENCY", "DUE", "NAME", "ITEM"])
        )

    @cached_property
    def entitlements(self) -> pl.DataFrame:
        """Every entitlement known today, with the child's details."""
        return entitlements(self.history, self.as_at).join(self.children, on="CHILD", how="inner")


def grip_record(request) -> GripRecord:
    """The request's GripRecord: every page section and the export share one evaluation."""
    record = getattr(request, "_grip_record", None)
    if record is None:
        record = GripRecord(request.user.authority, today())
        request._grip_record = record
    return record
