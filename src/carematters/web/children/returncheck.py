"""Checking the SSDA903 return built from the record with the DfE validation rules, before it is
submitted, and saying which record field each finding points at.

The return for a year and the year before are exported through the app's one exporter
(`children/exporter.py`) and run through `carematters.validation.validate`, with the user's
authority as `--la` and, when an analyst uploaded it today, the Ofsted provider register. The
record holds every year, so the episodes that ended before the year before go in as the history:
a care leaver whose care ended years ago is not reported as never looked after (1002).

Caching: one Django cache entry per authority, collection year and day, as the planning pages
cache their forecast. A whole return takes seconds to check, so the analysts' page computes it
when there is no entry (or when asked to "check again"); the child's summary only ever reads the
entry, so a worker's page never waits for a run. `record_changed_since` tells the page whether
the record was written to after the check (every write is audited, docs/access.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache as memoised

import polars as pl
from django.core.cache import cache
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from carematters.data.caredata import CareData
from carematters.data.schema import tables_in_year
from carematters.data.years import collection_year_of, year_end
from carematters.reports.validation import fix_list, summary
from carematters.validation import Findings, validate
from carematters.validation.engine import FINDING
from carematters.validation.registry import all_rules
from carematters.web.accounts.models import AuditEvent, Role
from carematters.web.children import models as m
from carematters.web.children.exporter import (
    MODEL_FOR_TABLE,
    SECOND_TABLES,
    export_caredata,
    export_earlier_episodes,
)
from carematters.web.children.sections import section_url_slug

CACHE_SECONDS = 24 * 60 * 60
#: Columns of the 903 tables built from the Child row itself: the child's details page.
CHILD_COLUMNS: dict[str, dict[str, str]] = {
    "Header": {"SEX": "sex", "DOB": "dob", "ETHNIC": "ethnicity", "UPN": "upn",
               "MOTHER": "mother", "MC_DOB": "mc_dob"},
    "UASC": {"SEX": "sex", "DOB": "dob", "DUC": "uasc_ceased"},
    "PrevPerm": {"DOB": "dob", "PREV_PERM": "prev_perm", "LA_PERM": "la_perm",
                 "DATE_PERM": "date_perm"},
}


def today() -> date:
    """The day a check belongs to (a function so tests can fix the date)."""
    return date.today()


@dataclass(frozen=True)
class ReturnCheck:
    """One run of the DfE rules over the return for `year` as the record stood at `computed_at`."""

    authority_id: int
    year: int
    computed_at: datetime
    findings: Findings
    tables: dict[str, pl.DataFrame]  # the return checked (CareData's mapping proxy won't pickle)
    register: str             # how the Ofsted register was given ("" when it was not)
    record_state: int         # the newest audited write to the record when the check ran

    @property
    def data(self) -> CareData:
        """The return checked: the XLSX report shows its offending rows."""
        return CareData(self.tables, years=(self.year,), source="record")

    def summary(self) -> pl.DataFrame:
        return summary(self.findings)

    def fix_list(self) -> pl.DataFrame:
        return fix_list(self.findings)


def _key(authority_id: int, year: int, day: date) -> str:
    return f"returncheck:{authority_id}:{year}:{day}"


def _index_key(authority_id: int, year: int, day: date) -> str:
    return f"returncheck-children:{authority_id}:{year}:{day}"


def _register_key(authority_id: int, day: date) -> str:
    return f"returncheck-register:{authority_id}:{day}"


def record_state(authority) -> int:
    """The newest audit row of a write to a child's record or an import (as planning does)."""
    writes = AuditEvent.objects.filter(authority_id=authority.pk).filter(
        Q(action="import") | Q(child_id__isnull=False, action__in=("create", "update", "delete")))
    return writes.aggregate(last=Max("id"))["last"] or 0


def keep_register(authority, providers: pl.DataFrame, description: str) -> None:
    """Remember today's uploaded Ofsted register for the authority's checks today."""
    cache.set(_register_key(authority.pk, today()), (providers, description), CACHE_SECONDS)


def register_for(authority) -> tuple[pl.DataFrame | None, str]:
    return cache.get(_register_key(authority.pk, today())) or (None, "")


def valid_year(year: int) -> bool:
    """Years a return can be built for: from the 903's start to the year in progress."""
    return 2004 <= year <= collection_year_of(today())


def check_years() -> tuple[int, int]:
    """The year in progress and the year just ended (submitted in the summer after it ends)."""
    latest = collection_year_of(today())
    return latest, latest - 1


def cached(authority, year: int) -> ReturnCheck | None:
    return cache.get(_key(authority.pk, year, today()))


def child_index(authority_id: int, year: int) -> pl.DataFrame | None:
    """Today's findings about children, with the date of the record each row came from: a small
    entry of its own, so the child's pages never load the whole return from the cache."""
    return cache.get(_index_key(authority_id, year, today()))


def run(authority, year: int) -> ReturnCheck:
    """Export the year, the year before and the earlier episodes from the record, run every rule
    in force, cache it."""
    dfe = [t.name for t in tables_in_year(year)]
    current = export_caredata(authority, year, dfe)
    previous = export_caredata(authority, year - 1, [t.name for t in tables_in_year(year - 1)])
    history = export_earlier_episodes(authority, year)
    providers, register = register_for(authority)
    state = record_state(authority)
    findings = validate(current, previous, year=year, la=authority.code, providers=providers,
                        history=history)
    # The rules themselves (closures) cannot be pickled into the cache, and the pages need only
    # the findings: keep the frame.
    findings = Findings(findings.frame, (), findings.year)
    found = ReturnCheck(authority.pk, year, timezone.now(), findings, dict(current.tables),
                        register, state)
    cache.set_many({
        _key(authority.pk, year, today()): found,
        _index_key(authority.pk, year, today()): with_record_dates(due_now(findings.frame, year),
                                                                   current),
    }, CACHE_SECONDS)
    return found


#: Tables filled in only once the year has ended: the outcomes at 31 March (OC2) and the care
#: leavers' circumstances around their birthday (OC3).
YEAR_END_TABLES = frozenset({"OC2", "OC3"})


def due_now(findings: pl.DataFrame, year: int) -> pl.DataFrame:
    """The findings a worker can act on today. While the year is still running, the rules on its
    year-end tables report items not due yet (every child in care 12 months "has blank OC2
    items" until April): those stay on the analysts' page, with a note, and off the workers'."""
    if today() > year_end(year):
        return findings
    waiting = [code for code, rule in all_rules().items() if YEAR_END_TABLES & set(rule.tables)]
    return findings.filter(~pl.col("rule").is_in(waiting))


def check(authority, year: int, *, again: bool = False) -> tuple[ReturnCheck, bool]:
    """Today's check of `year` (computed now when there is none or `again`); True if it ran."""
    found = None if again else cached(authority, year)
    if found is not None:
        return found, False
    return run(authority, year), True


def record_changed_since(found: ReturnCheck, authority) -> bool:
    return record_state(authority) > found.record_state


# --- where a finding points in the record -----------------------------------------------------

@dataclass(frozen=True)
class Place:
    """Where a 903 column lives in the record: the section and the field's label."""

    section: str
    label: str


@memoised
def places() -> dict[tuple[str, str], Place]:
    """(table, column) -> the record field that feeds it, from the models' own declarations."""
    found: dict[tuple[str, str], Place] = {}
    for name, columns in CHILD_COLUMNS.items():
        for column, attr in columns.items():
            found[name, column] = Place("identity", str(m.Child._meta.get_field(attr).verbose_name))
    tables = {name: (model, model.COLUMNS) for name, model in MODEL_FOR_TABLE.items()}
    tables.update(SECOND_TABLES)
    for name, (model, columns) in tables.items():
        for column, attr in columns.items():
            found[name, column] = Place(model.SECTION, str(model._meta.get_field(attr).verbose_name))
    return found


def _dated_rows(data: CareData, name: str) -> pl.DataFrame | None:
    """row -> the date that names the record the row came from (an episode's start...)."""
    model = MODEL_FOR_TABLE.get(name)
    if model is None or name not in data:
        return None
    column = next((c for c, attr in model.COLUMNS.items() if attr == model.DATE_FIELD), None)
    frame = data[name]
    if column is None or column not in frame.columns or frame.schema[column] != pl.Date:
        return None
    return frame.with_row_index("row", offset=1).select(
        pl.col("row").cast(pl.Int64), pl.col(column).alias("record_date"))


def with_record_dates(frame: pl.DataFrame, data: CareData) -> pl.DataFrame:
    """The findings about children (rule errors and child-less rows left out) with
    `record_date`, the date naming the record each row came from (null for the child's details)."""
    about = frame.filter(pl.col("child").is_not_null() & (pl.col("kind") == FINDING))
    parts = [pl.DataFrame(schema={**about.schema, "record_date": pl.Date()})]
    for (name,), rows in about.group_by("table"):
        dated = _dated_rows(data, name) if name is not None else None
        parts.append(rows.join(dated, on="row", how="left") if dated is not None
                     else rows.with_columns(pl.lit(None, pl.Date).alias("record_date")))
    return pl.concat(parts, how="vertical")


@dataclass(frozen=True)
class ChildFinding:
    year: int
    rule: str
    message: str
    table: str
    record: str               # the kind of record, as the record's pages name it ("Episode")
    record_date: date | None
    fields: tuple[str, ...]   # the record fields to look at, by their labels
    section: str
    url: str                  # the section (or details) page where the fix is made


def findings_for_child(index: pl.DataFrame, year: int, child,
                       allowed: dict[str, bool]) -> list[ChildFinding]:
    """The child's findings in `index` (see `with_record_dates`) in the sections this user may
    open, each with the record field to fix and the page to fix it on."""
    out = []
    rows = index.filter(pl.col("child") == child.child_id)
    for record in rows.sort("table", "record_date", "rule", nulls_last=True).iter_rows(named=True):
        name = record["table"]
        where = [places().get((name, f)) for f in record["fields"] or []]
        where = [p for p in where if p is not None]
        section = where[0].section if where else _table_section(name)
        if section is None or not allowed.get(section):
            continue
        out.append(ChildFinding(
            year, record["rule"], record["message"], name, _record_label(name),
            record["record_date"], tuple(dict.fromkeys(p.label for p in where)), section,
            _fix_url(child, section),
        ))
    return out


def _record_label(name: str) -> str:
    if name in CHILD_COLUMNS or name is None:
        return "Child's details"
    model = MODEL_FOR_TABLE.get(name) or SECOND_TABLES.get(name, (None,))[0]
    return str(model._meta.verbose_name).capitalize() if model is not None else name


def _table_section(name: str | None) -> str | None:
    if name in CHILD_COLUMNS or name is None:
        return "identity"
    model = MODEL_FOR_TABLE.get(name) or SECOND_TABLES.get(name, (None,))[0]
    return model.SECTION if model is not None else None


def _fix_url(child, section: str) -> str:
    if section == "identity":
        return reverse("child-details", args=[child.pk])
    return reverse("child-section", args=[child.pk, section_url_slug(section)])


def _case_holder(user) -> bool:
    return user.role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)


def failing_counts(user, children) -> dict[str, int]:
    """For "your children": CHILD -> today's cached findings about the child, for case holders
    and children listed to them (the list is already the user's own children). Never runs."""
    if not _case_holder(user):
        return {}
    by_authority: dict[int, list[str]] = {}
    for child in children:
        by_authority.setdefault(child.authority_id, []).append(child.child_id)
    counts: dict[str, int] = {}
    for authority_id, ids in by_authority.items():
        for year in check_years():
            index = child_index(authority_id, year)
            if index is None:
                continue
            mine = index.filter(pl.col("child").is_in(ids))
            for child_id, n in mine.group_by("child").len().iter_rows():
                counts[child_id] = counts.get(child_id, 0) + n
    return counts


def child_checks(user, child, allowed: dict[str, bool]) -> list[ChildFinding]:
    """For the child's summary: today's cached findings about this child, for the case holders
    (social worker, team manager), in the sections they may open. Never runs a check."""
    if not _case_holder(user) or not allowed.get("identity"):
        return []
    out: list[ChildFinding] = []
    for year in check_years():
        index = child_index(child.authority_id, year)
        if index is not None:
            out += findings_for_child(index, year, child, allowed)
    return out
