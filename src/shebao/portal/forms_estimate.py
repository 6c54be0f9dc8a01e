"""The assumptions a person may change on the pension estimate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

RATIOS = [
    ("", _("As in my last year")),
    ("0.60", "60%"),
    ("0.80", "80%"),
    ("1.00", "100%"),
    ("1.50", "150%"),
    ("2.00", "200%"),
    ("3.00", "300%"),
]
GROWTH = [(f"{p / 100:.2f}", f"{p}%") for p in range(0, 7)]
INTEREST = [(f"{p / 1000:.3f}", f"{p / 10:.1f}%") for p in (10, 15, 20, 25, 30, 40)]


def _months(first: dt.date, last: dt.date) -> list[tuple[str, str]]:
    out, month = [], first
    while month <= last:
        out.append((f"{month:%Y-%m}", f"{month:%Y-%m}"))
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return out


class EstimateForm(forms.Form):
    retirement_month = forms.ChoiceField(
        label=_("Retirement month"),
        required=False,
        help_text=_("Within the flexible range the law allows."),
    )
    base_ratio = forms.ChoiceField(
        label=_("Future contribution base (share of the average wage)"),
        choices=RATIOS,
        required=False,
    )
    wage_growth = forms.ChoiceField(
        label=_("Wage growth a year"), choices=GROWTH, initial="0.03", required=False
    )
    interest_rate = forms.ChoiceField(
        label=_("Account interest a year, where not yet published"),
        choices=INTEREST,
        initial="0.020",
        required=False,
    )

    def __init__(
        self,
        *args,
        earliest: dt.date,
        latest: dt.date,
        statutory: dt.date,
        not_before: dt.date,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        first = max(earliest, not_before)
        self.fields["retirement_month"].choices = [
            ("", _("Statutory month (%(m)s)") % {"m": f"{statutory:%Y-%m}"})
        ] + _months(first, latest)

    def assumptions(self):
        from shebao.benefits.selectors import Assumptions

        data = self.cleaned_data
        month = data.get("retirement_month")
        return Assumptions(
            retirement_month=dt.date(int(month[:4]), int(month[5:7]), 1) if month else None,
            base_ratio=Decimal(data["base_ratio"]) if data.get("base_ratio") else None,
            wage_growth=Decimal(data.get("wage_growth") or "0.03"),
            interest_rate=Decimal(data.get("interest_rate") or "0.020"),
        )
