"""GOV.UK Frontend classes for Django form widgets, shared by every app's forms
(rendered by templates/forms/govuk.html)."""

from __future__ import annotations

from django import forms

WIDGET_CLASSES = {
    forms.Select: "govuk-select",
    forms.NullBooleanSelect: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.CheckboxInput: "govuk-checkboxes__input",
}
NARROW = "govuk-input govuk-input--width-10"


def style_fields(form: forms.BaseForm) -> None:
    """Give each widget its GOV.UK class; dates become native date inputs, and dates and numbers
    get a narrow input."""
    for field in form.fields.values():
        widget = field.widget
        widget.attrs.setdefault("class", WIDGET_CLASSES.get(type(widget), "govuk-input"))
        if isinstance(field, forms.DateTimeField):
            widget.input_type = "datetime-local"
            widget.format = "%Y-%m-%dT%H:%M"
        elif isinstance(field, forms.DateField):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
            widget.attrs["class"] = NARROW
        elif isinstance(field, forms.DecimalField | forms.FloatField | forms.IntegerField):
            widget.attrs["class"] = NARROW
