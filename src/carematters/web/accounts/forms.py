from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    template_name = "forms/govuk.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("username", "password"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-!-width-one-half"


class TokenForm(forms.Form):
    template_name = "forms/govuk.html"
    token = forms.CharField(
        label="Security code", max_length=8,
        help_text="The 6-digit code from your authenticator app, or a backup code",
        widget=forms.TextInput(attrs={
            "class": "govuk-input govuk-input--width-10", "autocomplete": "one-time-code",
            "inputmode": "numeric", "spellcheck": "false",
        }),
    )
