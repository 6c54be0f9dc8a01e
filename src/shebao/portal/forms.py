"""Forms of the citizen portal; field rules come from the data dictionary."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from shebao.standards import validation


def resident_id_field() -> forms.CharField:
    """The ID number box, the same on every form: hint, autocomplete, no spell-check."""
    return forms.CharField(
        label=_("ID number"),
        max_length=22,
        help_text=_("18 characters, as on your ID card. The last one may be X."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "inputmode": "text",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Please enter the ID number.")},
    )


class SignInForm(forms.Form):
    username = resident_id_field()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs) -> None:
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean_username(self) -> str:
        try:
            return validation.resident_id(self.cleaned_data["username"])
        except validation.FieldError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.user = authenticate(
            self.request, username=cleaned["username"], password=cleaned["password"]
        )
        if self.user is None:
            raise forms.ValidationError(
                _(
                    "The ID number or the password is not right. Please check and try again. "
                    "After 5 wrong tries the sign-in is paused for 15 minutes."
                ),
                code="invalid_login",
            )
        return cleaned
