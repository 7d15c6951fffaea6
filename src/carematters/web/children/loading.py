"""Loading a return into the record from the browser: the reader's problems, then the import.

Uploads are limited to CSV and XML files, a few dozen of them, 20 MB each (ASVS 5.2.1); they are
read from a temporary folder that is removed afterwards, and only their base names are used.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.shortcuts import render

from carematters.returns import ReadError, read_return
from carematters.web.accounts import audit
from carematters.web.accounts.models import Role
from carematters.web.accounts.policy import roles
from carematters.web.children.importer import ImportFailed, import_caredata

MAX_FILES = 40
MAX_BYTES = 20 * 1024 * 1024
ALLOWED = (".csv", ".xml")


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReturnFilesField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [super(ReturnFilesField, self).clean(f, initial) for f in files if f]
        if not files:
            raise forms.ValidationError("Choose the return's files")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Choose at most {MAX_FILES} files")
        for upload in files:
            if Path(upload.name).suffix.lower() not in ALLOWED:
                raise forms.ValidationError(f"{upload.name} is not a CSV or XML file")
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(f"{upload.name} is larger than 20 MB")
        return files


class LoadReturnForm(forms.Form):
    template_name = "forms/govuk.html"
    year = forms.IntegerField(
        label="Collection year", min_value=2004, max_value=2100,
        help_text="The year ending 31 March, for example 2025",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4"}),
    )
    files = ReturnFilesField(
        label="The return's files", help_text="One CSV file per table, or the DfE XML file",
        widget=MultipleFiles(attrs={"class": "govuk-file-upload"}),
    )


@roles(Role.ANALYST)
def load_return(request):
    form = LoadReturnForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        context.update(_read_and_import(request, form.cleaned_data["year"], form.cleaned_data["files"]))
    return render(request, "reports/load_return.html", context)


def _read_and_import(request, year: int, files) -> dict:
    authority = request.user.authority
    with tempfile.TemporaryDirectory() as folder:
        for upload in files:
            with open(Path(folder) / Path(upload.name).name, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        try:
            result = read_return(Path(folder), year=year, la=authority.code)
        except ReadError as error:
            return {"read_error": str(error)}
    try:
        report = import_caredata(authority, result.data)
    except ImportFailed as failure:
        audit.record("import", changes={"year": year, "result": "refused",
                                        "problems": len(failure.problems)})
        return {"reader_problems": result.problems, "import_problems": failure.problems}
    return {"reader_problems": result.problems, "report": report}
