"""Model fields whose choices come from the one declaration in carematters.data.

A `CodeField` names a code list; the model accepts every code the list has ever had (so that a
2012 return imports cleanly), while forms offer only the codes valid in the current collection
year.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.db import models

from carematters.data import codes, schema
from carematters.data.codes import CodeList
from carematters.data.years import collection_year_of


def _all_code_lists() -> dict[str, CodeList]:
    found = {}
    for module in (codes, schema):
        for value in vars(module).values():
            if isinstance(value, CodeList):
                found[value.name] = value
    return found


CODE_LISTS = _all_code_lists()


def current_year() -> int:
    return collection_year_of(date.today())


class CodeField(models.CharField):
    def __init__(self, *args, list_name: str, **kwargs):
        self.list_name = list_name
        code_list = CODE_LISTS[list_name]
        kwargs.setdefault("max_length", max(len(c.code) for c in code_list.codes))
        kwargs["choices"] = code_list.choices()
        super().__init__(*args, **kwargs)

    @property
    def code_list(self) -> CodeList:
        return CODE_LISTS[self.list_name]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        kwargs["list_name"] = self.list_name
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        choices = self.code_list.choices(current_year())
        if self.blank:
            choices = [("", "Not recorded"), *choices]
        return forms.ChoiceField(
            choices=choices, required=not self.blank, label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )
