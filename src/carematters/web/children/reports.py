"""Figures without names: suppressed aggregates for members, management figures for the director,
pseudonymised extracts and the SSDA903 return for analysts. No child-level page is reachable from
here."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import zipfile
from datetime import date

import polars as pl
from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render

from carematters.data.years import collection_year_of
from carematters.stocktake.suppression import suppress_counts
from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.children import models as m
from carematters.web.children.exporter import export_caredata
from carematters.web.children.fields import CODE_LISTS


def suppress(count: int, *, on: bool) -> str:
    """DfE convention: counts of 1 to 5 are shown as "c" (confidential) in published tables."""
    if on and 0 < count <= settings.SUPPRESS_AT_OR_BELOW:
        return "c"
    return str(count)


def suppress_table(counts: list[int], *, on: bool) -> list[str]:
    """Primary suppression of 1-5, then secondary suppression: the table's total is published,
    so hidden cells that could be worked out (one alone, or together adding up to 5 or fewer)
    get the smallest other cells for company (`carematters.stocktake.suppression`)."""
    if not on:
        return [str(n) for n in counts]
    hidden = suppress_counts(counts, settings.SUPPRESS_AT_OR_BELOW)
    return ["c" if h else str(n) for n, h in zip(counts, hidden, strict=True)]


def _open_episodes(authority):
    return m.Episode.objects.filter(child__authority=authority, dec__isnull=True).exclude(
        ls__in=["V3", "V4"]
    )


def _breakdown(authority, column: str, list_name: str, *, suppressed: bool) -> list[tuple[str, str]]:
    rows = sorted(_open_episodes(authority).values_list(column).annotate(n=Count("child", distinct=True)))
    code_list = CODE_LISTS[list_name]
    shown = suppress_table([n for _code, n in rows], on=suppressed)
    return [(f"{code}: {code_list.label(code)}", text) for (code, _n), text in zip(rows, shown, strict=True)]


@roles(Role.MEMBER, Role.DIRECTOR, Role.ANALYST)
def aggregates(request):
    """Children looked after now, by legal status and placement. Members see 1-5 as "c"."""
    authority = request.user.authority
    suppressed = request.user.role == Role.MEMBER
    total = _open_episodes(authority).values("child").distinct().count()
    return render(request, "reports/aggregates.html", {
        "total": suppress(total, on=suppressed),
        "by_legal_status": _breakdown(authority, "ls", "legal_status", suppressed=suppressed),
        "by_placement": _breakdown(authority, "place", "placement", suppressed=suppressed),
        "suppressed": suppressed,
    })


@roles(Role.ANALYST)
def analysis(request):
    year = collection_year_of(date.today())
    return render(request, "reports/analysis.html", {"years": range(year, year - 5, -1),
                                                     "check_years": (year, year - 1)})


def pseudonym(child_id: str) -> str:
    """A keyed hash of CHILD: stable across years for linking, useless without the key (DSPT)."""
    return hmac.new(settings.PSEUDONYM_KEY.encode(), child_id.encode(), hashlib.sha256).hexdigest()[:16]


def _safe(value) -> str:
    """Neutralise spreadsheet formulas in exported text (CSV injection, ASVS 1.2.10)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@roles(Role.ANALYST)
def pseudonymised_episodes(request):
    """Episodes with CHILD replaced by a keyed hash, birth as month and year, no postcodes."""
    rows = m.Episode.objects.filter(child__authority=request.user.authority).values_list(
        "child__child_id", "child__dob", "child__sex", "child__ethnicity", "decom", "dec",
        "rne", "ls", "cin", "place", "place_provider", "rec",
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["PSEUDONYM", "BIRTH_MONTH", "SEX", "ETHNIC", "DECOM", "DEC", "RNE", "LS",
                     "CIN", "PLACE", "PLACE_PROVIDER", "REC"])
    for child_id, dob, *rest in rows:
        writer.writerow([pseudonym(child_id), dob.strftime("%m/%Y"), *(_safe(v) for v in rest)])
    audit.record("export", changes={"extract": "pseudonymised episodes", "rows": len(rows)})
    response = HttpResponse(out.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="pseudonymised-episodes.csv"'
    return response


@roles(Role.ANALYST)
def return_download(request, year: int):
    """The SSDA903 return for `year` built from the record, one CSV per table, zipped."""
    if not 2004 <= year <= collection_year_of(date.today()) + 1:
        raise Http404
    data = export_caredata(request.user.authority, year, tables=None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in data.tables.items():
            archive.writestr(f"{name}.csv", _csv(frame))
    audit.record("export", changes={"return": year, "rows": data.row_counts()})
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{year}.zip"'
    return response


def _csv(frame: pl.DataFrame) -> str:
    dated = frame.with_columns(
        pl.col(c).dt.strftime("%d/%m/%Y") for c, t in frame.schema.items() if t == pl.Date
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(dated.columns)
    for row in dated.iter_rows():
        writer.writerow([_safe(v) for v in row])
    return out.getvalue()
