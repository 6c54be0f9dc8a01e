"""Forms of the back office."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class StaffSignInForm(forms.Form):
    username = forms.CharField(
        label=_("Staff username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TotpForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "8"}
        ),
    )


class ReasonForm(forms.Form):
    """A decision, a return for correction or a send-back: the reason the person will read."""

    reason = forms.CharField(
        label=_("Reason (the applicant reads this)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write the reason.")},
    )


class RevealForm(forms.Form):
    field = forms.ChoiceField(
        label=_("Which identifier"),
        choices=[
            ("resident_id", _("ID number")),
            ("mobile", _("Mobile number")),
            ("bank_account", _("Bank account")),
        ],
    )
    reason = forms.CharField(
        label=_("Why you need to see it (recorded and audited)"),
        min_length=4,
        max_length=200,
        error_messages={
            "required": _("Please write why you need to see it."),
            "min_length": _("Please write why you need to see it, in at least 4 characters."),
        },
    )
