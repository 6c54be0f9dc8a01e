"""Forms for the other ways to sign in and to prove who one is: mobile number, code, new
password, new number. Field rules come from the data dictionary (`standards.validation`);
business checks (does the number match, is the code right) stay in the services.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from shebao.standards import validation

from .forms import resident_id_field


def _dictionary(cleaner, value):
    try:
        return cleaner(value)
    except validation.FieldError as exc:
        raise forms.ValidationError(exc.message, code=exc.code) from None


class PhoneInput(forms.TextInput):
    input_type = "tel"

    def __init__(self, attrs=None):
        base = {"autocomplete": "tel-national", "inputmode": "numeric", "spellcheck": "false"}
        super().__init__({**base, **(attrs or {})})


def _phone_field(label=None, help_text=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Mobile number"),
        max_length=20,  # room for "+86" and spaces, which the dictionary drops
        help_text=help_text or _("11 digits, for example 13812345678."),
        widget=PhoneInput(),
        error_messages={"required": _("Please enter the mobile number.")},
    )


class MobileForm(forms.Form):
    """Step 1 of signing in by text message."""

    phone = _phone_field(help_text=_("The mobile number we hold for you. 11 digits."))

    def clean_phone(self) -> str:
        return _dictionary(validation.mobile, self.cleaned_data["phone"])


class CodeForm(forms.Form):
    """The six digits from the text message."""

    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=12,
        help_text=_("6 digits."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Please enter the 6-digit code from the text message.")},
    )

    def clean_code(self) -> str:
        # People copy codes with spaces, or type full-width digits on a Chinese keyboard.
        raw = self.cleaned_data["code"].translate({0xFF10 + i: str(i) for i in range(10)})
        code = "".join(raw.split())
        if not code.isdigit() or not code.isascii():
            raise forms.ValidationError(_("The code has digits only."), code="format")
        if len(code) != 6:
            raise forms.ValidationError(
                _("The code has 6 digits; you typed %(n)d.") % {"n": len(code)}, code="length"
            )
        return code


class PasswordResetStartForm(forms.Form):
    """Forgotten password: who you are and the number we hold for you."""

    resident_id = resident_id_field()
    phone = _phone_field(
        help_text=_("The mobile number we hold for you. We send the code to this number.")
    )

    def clean_resident_id(self) -> str:
        return _dictionary(validation.resident_id, self.cleaned_data["resident_id"])

    def clean_phone(self) -> str:
        return _dictionary(validation.mobile, self.cleaned_data["phone"])


class NewPasswordForm(forms.Form):
    """A new password, typed twice, checked by Django's password validators."""

    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_(
            "At least 8 characters. Not only digits, and not a common password such as 12345678."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Please type a new password.")},
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        help_text=_("Type the same password again, to be sure it is right."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Please type the new password a second time.")},
    )

    def __init__(self, user, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password(self) -> str:
        password = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password"), cleaned.get("new_password_again")
        if first and second and first != second:
            self.add_error(
                "new_password_again",
                forms.ValidationError(
                    _("The two passwords are not the same. Please type the same password twice."),
                    code="mismatch",
                ),
            )
        return cleaned


class AccountChoiceForm(forms.Form):
    """Several people share this phone: whose account to open."""

    account = forms.TypedChoiceField(
        label=_("Whose account do you want to open?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one person.")},
    )

    def __init__(self, choices, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [
            (c.user_id, f"{c.name} ({c.id_number_masked})") for c in choices
        ]


class PhoneChangeForm(forms.Form):
    """The new mobile number; a code goes to it."""

    new_phone = _phone_field(
        label=_("New mobile number"),
        help_text=_("11 digits. We send a code to this number to check it is yours."),
    )

    def clean_new_phone(self) -> str:
        return _dictionary(validation.mobile, self.cleaned_data["new_phone"])
