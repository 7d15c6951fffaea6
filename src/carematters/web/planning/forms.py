"""Scenario and unit-cost forms, in GOV.UK Frontend markup (templates/forms/govuk.html).

A scenario's adjustments are checked by the forecast engine's own reader
(`scenario_from_mapping`), so the page accepts exactly what `carematters forecast --scenario`
accepts and says what is wrong in the engine's words. The "add an adjustment" fields build the
commonest adjustments without typing JSON ("10% fewer residential entries" is entries × 0.9;
"shift 5% of IFA to in-house foster" is a shift with share 0.05).
"""

from __future__ import annotations

import json

from django import forms

from carematters.costs import GROUPS, LABELS
from carematters.costs.table import EVENT_PROCESSES
from carematters.forecast import BAND_LABELS
from carematters.web.govuk_forms import style_fields
from carematters.web.planning.compute import scenario_of
from carematters.web.planning.models import Scenario, UnitCost

PLACEMENT_CHOICES = [("", "All placement types"), *((g, LABELS[g]) for g in GROUPS)]
BAND_CHOICES = [("", "All ages"), *((b, b) for b in BAND_LABELS)]
KIND_CHOICES = [
    ("", "No adjustment to add"),
    ("entries", "Entries into care (multiply, or add children a year)"),
    ("exits", "Leaving care (multiply the rate)"),
    ("transitions", "Moves from one placement type to another (multiply the rate)"),
    ("shift", "Shift a share of new placements from one type to another"),
]


class _Govuk:
    template_name = "forms/govuk.html"

    def _style(self) -> None:
        style_fields(self)


class ScenarioForm(_Govuk, forms.ModelForm):
    adjustments_json = forms.CharField(
        label="Adjustments (JSON)", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text='A list in the forecast scenario format, for example [{"kind": "entries", '
                  '"placement": ["residential_external", "residential_in_house"], '
                  '"multiply": 0.9}]. Leave empty to start from no changes.',
    )
    add_kind = forms.ChoiceField(label="Add an adjustment", choices=KIND_CHOICES, required=False)
    add_from = forms.ChoiceField(label="Placement type (or from)", choices=PLACEMENT_CHOICES,
                                 required=False)
    add_to = forms.ChoiceField(label="To (moves and shifts)", choices=PLACEMENT_CHOICES,
                               required=False)
    add_age_band = forms.ChoiceField(label="Age band", choices=BAND_CHOICES, required=False)
    add_percent = forms.FloatField(
        label="Change, %", required=False,
        help_text="Entries, leaving care and moves: -10 means 10% fewer. Shift: the share moved, "
                  "e.g. 5.")
    add_per_year = forms.FloatField(label="Extra children a year (entries only)", required=False)
    add_current = forms.BooleanField(label="Shift: also move that share of children placed now",
                                     required=False)

    class Meta:
        model = Scenario
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "Enter a name for the scenario"}}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority = authority
        if not self.is_bound:
            self.initial["adjustments_json"] = json.dumps(self.instance.adjustments or [],
                                                          indent=2)
        self._style()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Scenario.objects.filter(authority=self.authority, name=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("A scenario with this name already exists")
        return name

    def clean_adjustments_json(self) -> list:
        text = self.cleaned_data["adjustments_json"].strip()
        if not text:
            return []
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"The adjustments are not valid JSON: {error.msg} "
                                        f"(line {error.lineno})") from error
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise forms.ValidationError("The adjustments must be a list of {...} items")
        return value

    def _added(self) -> dict | None:
        data = self.cleaned_data
        kind = data.get("add_kind")
        if not kind:
            return None
        percent, per_year = data.get("add_percent"), data.get("add_per_year")
        added: dict = {"kind": kind}
        if data.get("add_from"):
            added["from" if kind in ("transitions", "shift") else "placement"] = data["add_from"]
        if data.get("add_to"):
            added["to"] = data["add_to"]
        if data.get("add_age_band"):
            added["age_band"] = data["add_age_band"]
        if kind == "shift":
            if percent is None:
                self.add_error("add_percent", "Enter the share of placements to shift, in %")
                return None
            added["share"] = percent / 100
            added["current"] = bool(data.get("add_current"))
        else:
            if percent is None and per_year is None:
                self.add_error("add_percent", "Enter a change in % (or extra children a year)")
                return None
            if percent is not None:
                added["multiply"] = round(1 + percent / 100, 6)
            if per_year is not None:
                if kind != "entries":
                    self.add_error("add_per_year", "Extra children a year apply to entries only")
                    return None
                added["add"] = per_year
        return added

    def clean(self) -> dict:
        data = super().clean()
        adjustments = data.get("adjustments_json")
        if adjustments is None or self.errors:
            return data
        added = self._added()
        if added is not None:
            adjustments = [*adjustments, added]
        # The engine's own reader is the validation: same rules as a scenario file.
        try:
            scenario_of(Scenario(name=data.get("name", ""), adjustments=adjustments))
        except (ValueError, TypeError) as error:
            self.add_error("add_kind" if added is not None else "adjustments_json",
                           f"This adjustment cannot be used: {error}")
            return data
        self.instance.adjustments = adjustments
        return data


ITEM_CHOICES = [
    ("Weekly placement cost", [(f"weekly:{g}", LABELS[g]) for g in GROUPS]),
    ("Cost per occurrence", [(f"process:{p}", p.replace("_", " ")) for p in EVENT_PROCESSES]),
]


class UnitCostForm(_Govuk, forms.ModelForm):
    what = forms.ChoiceField(label="Cost", choices=ITEM_CHOICES)

    class Meta:
        model = UnitCost
        fields = ["valid_from", "cost", "price_year", "source"]
        error_messages = {"valid_from": {"required": "Enter the date the cost applies from"},
                          "price_year": {"required": "Enter the price year"},
                          "source": {"required": "Say where the figure comes from"}}
        labels = {"valid_from": "Applies from", "cost": "Cost, £ (blank: unset)",
                  "price_year": "Price year", "source": "Source"}
        help_texts = {"source": "Where the figure comes from, e.g. 2025-26 budget book"}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority = authority
        self.order_fields(["what", "valid_from", "cost", "price_year", "source"])
        self._style()

    def clean_cost(self):
        cost = self.cleaned_data.get("cost")
        if cost is not None and cost < 0:
            raise forms.ValidationError("A cost cannot be negative")
        return cost

    def clean(self) -> dict:
        data = super().clean()
        what = data.get("what")
        if what:
            self.instance.kind, self.instance.item = what.split(":", 1)
        self.instance.authority = self.authority
        return data

    def validate_unique(self) -> None:
        # The same cost on the same date replaces the earlier figure (the view does that),
        # so the model's uniqueness is not a form error.
        return None
