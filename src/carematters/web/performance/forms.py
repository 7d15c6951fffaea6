"""The one figure the performance page asks for: the authority's child population."""

from __future__ import annotations

from django import forms

from carematters.web.accounts.models import Authority
from carematters.web.govuk_forms import style_fields


class PopulationForm(forms.ModelForm):
    template_name = "forms/govuk.html"

    class Meta:
        model = Authority
        fields = ["child_population"]
        labels = {"child_population": "Children under 18 living in the authority"}
        help_texts = {"child_population": "The ONS mid-year estimate, used for the rate of "
                      "children looked after per 10,000 in every year shown. Leave empty to "
                      "show no rate."}
        error_messages = {"child_population": {
            "invalid": "Enter the number of children as a whole number, like 112400",
            "min_value": "The number of children cannot be negative"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean_child_population(self):
        value = self.cleaned_data.get("child_population")
        if value == 0:
            raise forms.ValidationError("Enter the number of children, or leave it empty")
        return value
