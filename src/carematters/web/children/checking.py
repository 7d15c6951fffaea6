""""Check the return": the DfE validation rules over the return built from the record, for the
performance analysts, before it is submitted (computation and cache: returncheck.py).

Analysts have no relationship with any child (docs/access.md): the page names children by their
903 identifier (CHILD, as in the return they download), never by name, and links a child to their
record only for a user who may open it. Running the check, viewing the findings and downloading
them are audited. Uploads of the Ofsted register are limited to the register's two workbooks or a
CSV, 20 MB each, read from a temporary folder that is removed afterwards (ASVS 5.2.1).
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

import polars as pl
from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from carematters.data.providers import RegisterError, read_register
from carematters.data.years import year_end
from carematters.reports.validation import write_xlsx
from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.children import models as m
from carematters.web.children import returncheck
from carematters.web.children.reports import _safe

MAX_BYTES = 20 * 1024 * 1024
#: A workbook is a zip: refuse one that would unpack to more than this (ASVS 5.2.3, zip bombs).
MAX_UNPACKED = 200 * 1024 * 1024
PER_PAGE = 200


class RegisterForm(forms.Form):
    """The Ofsted provider register, optional: the two workbooks, or the same register as CSV."""

    template_name = "forms/govuk.html"
    children_homes = forms.FileField(
        label="Children's Homes list (XLSX)", required=False,
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".xlsx"}))
    social_care_providers = forms.FileField(
        label="Social Care Providers list (XLSX)", required=False,
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".xlsx"}))
    register_csv = forms.FileField(
        label="Or the register as CSV", required=False,
        help_text="Columns URN, PLACE_CODES, PROVIDER_CODES, REG_END, POSTCODE",
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv"}))

    SUFFIX = {"children_homes": ".xlsx", "social_care_providers": ".xlsx", "register_csv": ".csv"}

    def clean(self):
        data = super().clean()
        for name, suffix in self.SUFFIX.items():
            upload = data.get(name)
            if upload is None:
                continue
            if Path(upload.name).suffix.lower() != suffix:
                self.add_error(name, f"{Path(upload.name).name} is not a {suffix[1:].upper()} file")
            elif upload.size > MAX_BYTES:
                self.add_error(name, f"{Path(upload.name).name} is larger than 20 MB")
            elif suffix == ".xlsx" and (problem := _workbook_problem(upload)):
                self.add_error(name, f"{Path(upload.name).name} {problem}")
        return data

    def uploads(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SUFFIX if self.cleaned_data.get(name)}


def _workbook_problem(upload) -> str:
    """Why an uploaded workbook must not be opened ("" when it may be)."""
    try:
        with zipfile.ZipFile(upload) as book:
            unpacked = sum(entry.file_size for entry in book.infolist())
    except zipfile.BadZipFile:
        return "is not an Excel workbook"
    finally:
        upload.seek(0)
    return "unpacks to more than 200 MB" if unpacked > MAX_UNPACKED else ""


def _authority_and_year(request, year: int):
    if request.user.authority_id is None or not returncheck.valid_year(year):
        raise Http404
    return request.user.authority


@roles(Role.ANALYST)
def return_check(request, year: int):
    """The summary by rule and the fix list, from today's check (run now if there is none)."""
    authority = _authority_and_year(request, year)
    found, ran = returncheck.check(authority, year)
    audit.record("view", changes={"return_check": year, "ran": ran, "findings": len(found.findings)})
    return _page(request, year, found, RegisterForm())


@roles(Role.ANALYST)
@require_POST
def return_check_again(request, year: int):
    """Run the check again now, with the Ofsted register if one is uploaded."""
    authority = _authority_and_year(request, year)
    form = RegisterForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, year, returncheck.cached(authority, year), form, status=400)
    uploads = form.uploads()
    if uploads:
        try:
            providers = _read_register(uploads)
        except RegisterError as error:
            form.add_error(None, f"The register could not be read: {error}")
            return _page(request, year, returncheck.cached(authority, year), form, status=400)
        names = ", ".join(Path(u.name).name for u in uploads.values())
        returncheck.keep_register(authority, providers, f"{names} ({providers.height} providers)")
    found = returncheck.run(authority, year)
    audit.record("view", changes={"return_check": year, "ran": True,
                                  "findings": len(found.findings), "register": bool(found.register)})
    return redirect("return-check", year)


def _read_register(uploads: dict):
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, upload in uploads.items():
            path = Path(folder) / f"{name}{RegisterForm.SUFFIX[name]}"
            with open(path, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            paths[name] = path
        try:
            return read_register(children_homes=paths.get("children_homes"),
                                 social_care_providers=paths.get("social_care_providers"),
                                 csv=paths.get("register_csv"))
        except RegisterError as error:
            # Name the file as the analyst knows it, not by the server's temporary path.
            message = str(error)
            for name, path in paths.items():
                message = message.replace(str(path), Path(uploads[name].name).name)
            raise RegisterError(message) from error


def _page(request, year: int, found, form, status: int = 200):
    # A year still running: the rules judge its end (31 March) from the record as it stands, so
    # year-end items not yet due (OC2 outcomes, for one) show up until the year is over.
    in_progress = returncheck.today() <= year_end(year)
    context = {"form": form, "check": found, "year": year, "in_progress": in_progress,
               "year_ends": year_end(year)}
    if found is not None:
        fixes = found.fix_list()
        page = Paginator(list(fixes.iter_rows(named=True)), PER_PAGE).get_page(
            request.GET.get("page"))
        links = _record_links(request.user, {row["child"] for row in page})
        context.update(
            summary=list(found.summary().iter_rows(named=True)),
            rule_errors=found.findings.rule_errors.height,
            children=fixes.filter(pl.col("child") != "(no child)")["child"].n_unique(),
            page=page,
            rows=[{**row, "url": links.get(row["child"])} for row in page],
            changed=returncheck.record_changed_since(found, request.user.authority),
        )
    return render(request, "reports/return_check.html", context, status=status)


def _record_links(user, child_ids: set[str]) -> dict[str, str]:
    """CHILD -> the child's record, only for children this user may open (none for analysts)."""
    children = m.Child.objects.filter(authority_id=user.authority_id, child_id__in=child_ids)
    return {c.child_id: reverse("child-summary", args=[c.pk])
            for c in children if user.has_perm("children.view_child", c)}


def _download(request, year: int):
    return returncheck.check(_authority_and_year(request, year), year)


@roles(Role.ANALYST)
def return_check_xlsx(request, year: int):
    """The findings as the validation command's workbook: summary, findings, offending rows."""
    found, ran = _download(request, year)
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(found.findings, found.data, Path(folder) / "findings.xlsx")
        body = path.read_bytes()
    audit.record("export", changes={"return_check": year, "format": "xlsx", "ran": ran,
                                    "findings": len(found.findings)})
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{year}-findings.xlsx"'
    return response


@roles(Role.ANALYST)
def return_check_csv(request, year: int):
    """The fix list as CSV: child, table, row, fields, rule, message (formulas neutralised)."""
    found, ran = _download(request, year)
    fixes = found.fix_list()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fixes.columns)
    for row in fixes.iter_rows():
        writer.writerow([_safe(v) for v in row])
    audit.record("export", changes={"return_check": year, "format": "csv", "ran": ran,
                                    "findings": len(found.findings)})
    response = HttpResponse(out.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{year}-findings.csv"'
    return response
