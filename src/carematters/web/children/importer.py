"""CareData → the record, all or nothing.

One transaction per import: if any row cannot be stored, nothing is, and the problems (table, row,
column, message) come back for the page to show beside the reader's own. Rows are matched on each
table's declared keys, so importing next year's return updates the episodes it re-states instead
of duplicating them (the same rule as `combine_years`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carematters.data import CareData, table
from carematters.data.schema import SOURCE_ROW
from carematters.web.accounts import audit
from carematters.web.accounts.models import AuditEvent
from carematters.web.children import models as m
from carematters.web.children.exporter import MODEL_FOR_TABLE, PER_YEAR_TABLES, SECOND_TABLES


@dataclass(frozen=True)
class ImportProblem:
    table: str
    row: int | None
    column: str
    message: str


@dataclass
class ImportReport:
    children: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)


class ImportFailed(Exception):
    def __init__(self, problems: list[ImportProblem]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


def _model_value(model_field, value):
    if value is None:
        return "" if (model_field.get_internal_type() == "CharField") else None
    if model_field.get_internal_type() == "BooleanField":
        return bool(value)
    if model_field.get_internal_type() == "DateTimeField" and timezone.is_naive(value):
        return timezone.make_aware(value)  # a return's times are local clock times
    return value


def _rows(frame: pl.DataFrame):
    for index, row in enumerate(frame.iter_rows(named=True), start=1):
        yield row.get(SOURCE_ROW) or index, row


@transaction.atomic
def import_caredata(authority, data: CareData) -> ImportReport:
    """Load one return (or a synthetic authority's year) into `authority`'s record."""
    report = ImportReport()
    children = _import_children(authority, data, report)
    for name in data.tables:
        if name in MODEL_FOR_TABLE:
            _import_table(authority, name, data, children, report)
    for name in SECOND_TABLES:  # after the tables that create the records they add to
        if name in data.tables:
            _import_table(authority, name, data, children, report)
    if report.problems:
        raise ImportFailed(report.problems)
    _refresh_statuses(authority, children)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_id=audit.current_actor().user_id, actor=audit.current_actor().username,
            authority_id=authority.pk, action="import", child_id=child.pk, object_type="Child",
            object_id=str(child.pk), changes={"source": data.source[:200], "years": list(data.years)},
        )
        for child in children.values()
    )
    report.children = len(children)
    return report


def _import_children(authority, data: CareData, report: ImportReport) -> dict[str, m.Child]:
    existing = {c.child_id: c for c in m.Child.objects.filter(authority=authority)}
    header_map = {"SEX": "sex", "DOB": "dob", "ETHNIC": "ethnicity", "UPN": "upn",
                  "MOTHER": "mother", "MC_DOB": "mc_dob"}
    extra = {
        "UASC": {"DUC": "uasc_ceased"},
        "PrevPerm": {"PREV_PERM": "prev_perm", "LA_PERM": "la_perm", "DATE_PERM": "date_perm"},
    }
    touched: dict[str, m.Child] = {}
    for _row_number, row in _rows(data["Header"]):
        child = existing.get(row["CHILD"]) or m.Child(authority=authority, child_id=row["CHILD"])
        _assign(child, header_map, row)
        touched[child.child_id] = child
    for name, mapping in extra.items():
        for row_number, row in _rows(data[name]):
            child = touched.get(row["CHILD"]) or existing.get(row["CHILD"])
            if child is None:
                report.problems.append(ImportProblem(name, row_number, "CHILD", "child is not in the Header"))
                continue
            _assign(child, mapping, row)
            child.uasc = child.uasc or name == "UASC"
            touched[child.child_id] = child
    for child in touched.values():
        _check(child, "Header", None, report, exclude=["authority", "team", "social_worker", "iro"])
    new = [c for c in touched.values() if c._state.adding]
    changed = [c for c in touched.values() if not c._state.adding]
    m.Child.objects.bulk_create(new, batch_size=1000)
    for child in new:
        child._state.adding = False
    m.Child.objects.bulk_update(changed, [*header_map.values(), "uasc", "uasc_ceased", "prev_perm",
                                          "la_perm", "date_perm"], batch_size=500)
    existing.update(touched)
    return existing


def _assign(instance, mapping: dict[str, str], row: dict) -> None:
    for column, attr in mapping.items():
        if column in row:
            setattr(instance, attr, _model_value(instance._meta.get_field(attr), row[column]))


def _check(instance, name: str, row_number, report: ImportReport, exclude: list[str]) -> None:
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        for attr, messages in error.message_dict.items():
            report.problems.append(ImportProblem(name, row_number, attr, "; ".join(messages)))


def _import_table(authority, name: str, data: CareData, children: dict[str, m.Child],
                  report: ImportReport) -> None:
    if name in SECOND_TABLES:
        model, columns = SECOND_TABLES[name]
        keys = tuple(columns[k] for k in table(name).keys if k != "CHILD")
    else:
        model, columns = MODEL_FOR_TABLE[name], MODEL_FOR_TABLE[name].COLUMNS
        keys = tuple(columns[k] for k in table(name).keys if k != "CHILD")
        if name in PER_YEAR_TABLES:
            keys = ("year",)
    existing = {(r.child_id, *(getattr(r, k) for k in keys)): r
                for r in model.objects.filter(child__authority=authority)}
    new, changed, seen = [], [], set()
    for row_number, row in _rows(data[name]):
        child = children.get(row["CHILD"])
        if child is None:
            report.problems.append(ImportProblem(name, row_number, "CHILD", "child is not in the Header"))
            continue
        probe = model(child=child)
        if name in PER_YEAR_TABLES:
            probe.year = data.year
        _assign(probe, columns, row)
        key = (child.pk, *(getattr(probe, k) for k in keys))
        record = existing.get(key)
        if record is None:
            record = probe
            existing[key] = record
            new.append(record)
        else:
            _assign(record, columns, row)
            if record.pk is not None and record.pk not in seen:
                seen.add(record.pk)
                changed.append(record)
        _check(record, name, row_number, report, exclude=["child", "plan", "iro", "worker"])
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, list(set(columns.values())), batch_size=500)
    report.rows[name] = len(new) + len(changed)


def _refresh_statuses(authority, children: dict[str, m.Child]) -> None:
    """Child.refresh_status for every imported child at once (one query, one bulk update)."""
    last: dict = {}
    episodes = m.Episode.objects.filter(child__authority=authority).order_by("decom")
    for child_id, dec in episodes.values_list("child_id", "dec").iterator(chunk_size=5000):
        was_open = last.get(child_id, (False, None))[0]
        last[child_id] = (was_open or dec is None, dec)
    changed = []
    for child in children.values():
        is_open, ended = last.get(child.pk, (False, None))
        status = child.status_for(is_open, ended)
        if status != child.status:
            child.status = status
            changed.append(child)
    m.Child.objects.bulk_update(changed, ["status"], batch_size=500)
