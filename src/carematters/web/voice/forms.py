"""Forms for making survey codes, typing one in, the survey itself, and the council's meetings
and points (GOV.UK markup through templates/forms/govuk.html; the survey has its own radios template)."""

from __future__ import annotations

from datetime import date

from django import forms

from carematters.voice import BANDS, SCALES, SURVEY
from carematters.web.accounts.models import Team, User
from carematters.web.govuk_forms import style_fields
from carematters.web.voice.links import DEFAULT_DAYS, MAX_BATCH, normalise
from carematters.web.voice.models import CouncilMeeting, CouncilPoint, SurveyResponse


class _Govuk:
    template_name = "forms/govuk.html"


class BatchForm(_Govuk, forms.Form):
    band = forms.ChoiceField(label="Survey version", choices=list(BANDS.items()),
                             help_text="The age band of the children you will hand the codes to. "
                             "A younger version suits a child who would find the usual one hard.")
    size = forms.IntegerField(label="Number of codes", min_value=1, max_value=MAX_BATCH,
                              initial=10, help_text=f"1 to {MAX_BATCH}. Make a few spare: a "
                              "code that is lost or spoilt cannot be shown again.")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False,
                                  label="Team (optional)", empty_label="None",
                                  help_text="Only to help you find the batch again; the answers "
                                  "do not record it.")
    days = forms.IntegerField(label="Days the codes work for", min_value=1, max_value=60,
                              initial=DEFAULT_DAYS)

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(authority=authority).order_by("name")
        style_fields(self)


class CodeForm(_Govuk, forms.Form):
    code = forms.CharField(label="Your code", max_length=40,
                           help_text="It is on the slip you were given, for example "
                           "7K3M-XQ2P-9DFA-B4RT. Capitals and dashes do not matter.",
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "spellcheck": "false"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean_code(self) -> str:
        code = normalise(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Enter the code from your slip")
        return code


ABOUT = ("gender", "placement")


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

        # About you: coarse, chosen from a short list, and each may be skipped. No free text,
        # which could name or single out a child.
        self.fields["gender"] = forms.ChoiceField(
            label="Are you...", required=False, choices=SurveyResponse.Gender.choices,
            widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}))
        self.fields["placement"] = forms.ChoiceField(
            label="Where do you live now?", required=False,
            choices=SurveyResponse.Placement.choices,
            widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}))

    def answers(self) -> dict[str, str | None]:
        return {q.key: self.cleaned_data.get(q.key) or None for q in self.questions}

    def question_fields(self) -> list:
        return [self[q.key] for q in self.questions]

    def about_fields(self) -> list:
        return [self[key] for key in ABOUT]

    def about(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in ABOUT}


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
