"""Forms for the record, rendered with GOV.UK Frontend markup (templates/forms/)."""

from __future__ import annotations

from django import forms

from carematters.web.accounts.models import Role, User
from carematters.web.children import models as m
from carematters.web.govuk_forms import style_fields


class GovukForm(forms.ModelForm):
    template_name = "forms/govuk.html"

    def __init__(self, *args, child: m.Child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        style_fields(self)
        self._limit_choices(child)

    def _limit_choices(self, child: m.Child) -> None:
        """People and plans offered in a form are only those of the child's own authority."""
        people = User.objects.filter(authority_id=child.authority_id, is_active=True)
        for name, role in (("iro", Role.IRO), ("worker", Role.SOCIAL_WORKER),
                           ("social_worker", Role.SOCIAL_WORKER)):
            if name in self.fields:
                self.fields[name].queryset = people.filter(role=role)
        if "team" in self.fields:
            self.fields["team"].queryset = child.authority.teams.all()
        if "plan" in self.fields:
            self.fields["plan"].queryset = child.plans.all()


def record_form(model: type[m.Record]) -> type[GovukForm]:
    exclude = ["child", "created_at", "updated_at"]
    return forms.modelform_factory(model, form=GovukForm, exclude=exclude)


class ChildDetailsForm(GovukForm):
    class Meta:
        model = m.Child
        fields = [
            "given_name", "family_name", "dob", "sex", "ethnicity", "upn", "disability", "uasc",
            "uasc_ceased", "team", "social_worker", "iro",
        ]
