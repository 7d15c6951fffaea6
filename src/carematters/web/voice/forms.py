"""Forms for issuing survey links, the survey itself, and the council's meetings and points
(GOV.UK markup through templates/forms/govuk.html; the survey has its own radios template)."""

from __future__ import annotations

from datetime import date

from django import forms

from carematters.data.years import age_on
from carematters.voice import BANDS, SCALES, SURVEY, band_for_age
from carematters.web.accounts.models import User
from carematters.web.children.models import Child
from carematters.web.govuk_forms import style_fields
from carematters.web.voice.links import DEFAULT_DAYS
from carematters.web.voice.models import CouncilMeeting, CouncilPoint


class _Govuk:
    template_name = "forms/govuk.html"


class ChildChoice(forms.ModelChoiceField):
    def label_from_instance(self, child: Child) -> str:
        # Administrators choose by the authority's identifier only; case holders know the name.
        return f"{child.child_id}" if self.identifiers_only else f"{child.name} ({child.child_id})"


class InvitationForm(_Govuk, forms.Form):
    child = ChildChoice(queryset=Child.objects.none(), label="Child or young person",
                        empty_label="Choose")
    band = forms.ChoiceField(
        label="Survey version", required=False,
        choices=[("", "By age (4-7, 8-11, 11-17; care leavers)"), *BANDS.items()],
        help_text="Choose a younger version for a child who would find the usual one hard.")
    days = forms.IntegerField(label="Days the link works for", min_value=1, max_value=28,
                              initial=DEFAULT_DAYS)

    def __init__(self, *args, children, identifiers_only: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["child"].identifiers_only = identifiers_only
        style_fields(self)

    def clean(self) -> dict:
        data = super().clean()
        child = data.get("child")
        if child is not None and not data.get("band"):
            band = band_for_age(age_on(child.dob, date.today()),
                                care_leaver=child.status == Child.Status.CARE_LEAVER)
            if band is None:
                self.add_error("band", "This child is under 4: choose a version, or ask the "
                               "child's carer to help them share their views another way")
            data["band"] = band
        return data


class SurveyForm(forms.Form):
    """The questions of one band. Every question may be left out."""

    template_name = "voice/survey_form.html"

    def __init__(self, *args, band: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = SURVEY.for_band(band)
        for q in self.questions:
            self.fields[q.key] = forms.ChoiceField(
                label=q.text, help_text=q.hint, required=False,
                choices=SCALES[q.scale].options,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
            )

    def answers(self) -> dict[str, str | None]:
        return {q.key: self.cleaned_data.get(q.key) or None for q in self.questions}


class MeetingForm(_Govuk, forms.ModelForm):
    class Meta:
        model = CouncilMeeting
        fields = ["held_on", "title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class _Owners:
    def _owners(self, authority) -> None:
        owner = self.fields["owner"]
        owner.queryset = User.objects.filter(authority=authority, is_active=True).exclude(
            role="member").order_by("first_name", "last_name", "username")
        owner.label_from_instance = lambda u: f"{u} ({u.get_role_display()})"


class PointForm(_Govuk, _Owners, forms.ModelForm):
    class Meta:
        model = CouncilPoint
        fields = ["raised", "area", "owner", "due_on"]
        widgets = {"raised": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self._owners(authority)
        style_fields(self)


class AnswerForm(_Govuk, forms.ModelForm):
    """The answer owed to the council; an owner or an editor keeps it up to date."""

    class Meta:
        model = CouncilPoint
        fields = ["status", "answer", "answered_on"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") in (CouncilPoint.Status.DONE, CouncilPoint.Status.NOT_POSSIBLE):
            if not (data.get("answer") or "").strip():
                self.add_error("answer", "Say what was done, or why it could not be done")
            if data.get("answered_on") is None:
                data["answered_on"] = date.today()
        return data
