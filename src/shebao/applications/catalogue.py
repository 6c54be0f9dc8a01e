"""The service catalogue (服务事项目录) and each service's guide (办事指南).

One entry per service a person can do online: what it is for, who may use it, what is needed and
which of that the office already holds (so it is never asked for), the steps, the statutory or
committed time limit in working days, the fee and the legal basis. Pages, the API and the
deadline of each application read the same entry.

Time limits are the office's published commitment (承诺时限); where a national rule sets one it
is named in ``time_limit_basis`` with its confidence mark from the reference notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Material:
    name: Promise
    held: bool  # the office holds it already: shown as "we have this", never asked for
    note: Promise | str = ""


@dataclass(frozen=True)
class Service:
    code: str
    name: Promise
    summary: Promise
    conditions: tuple[Promise, ...]
    materials: tuple[Material, ...]
    steps: tuple[tuple[str, Promise], ...]  # (icon, text)
    time_limit_days: int | None  # working days; None: done at once online
    time_limit_basis: Promise | str
    legal_basis: tuple[str, ...]
    url_name: str  # where the service starts in the portal
    is_application: bool = True  # reviewed by the office, tracked as an application
    # Dotted path of the service called with (application=, actor=) when it is approved.
    on_approved: str = ""
    # Low-risk cases may be approved by the automated review (never money or pensions).
    auto_approve: bool = False
    fee: Promise = _("Free of charge")


SIGN_IN = "sign-in"
CHECK = "check"
CONFIRM = "confirm"
TRACK = "track"
COUNTER = "counter"
PAY = "pay"

ID_HELD = Material(_("Resident identity card"), True, _("verified when you signed in"))
RECORDS_HELD = Material(_("Contribution records"), True, _("held by the office"))
BANK_HELD = Material(
    _("Bank account for payments"), True, _("the account on file; you confirm it, masked")
)

SERVICES: tuple[Service, ...] = (
    Service(
        code="transfer",
        name=_("Transfer of pension insurance between regions"),
        summary=_(
            "Move your basic pension insurance (years, personal account and the pooled part) "
            "from the region where you paid before to where you pay now, or the other way."
        ),
        conditions=(
            _("You are insured in the enterprise employees' basic pension insurance."),
            _("You do not draw a pension yet."),
            _("You paid contributions in another region that have not been transferred."),
        ),
        materials=(
            ID_HELD,
            RECORDS_HELD,
            Material(
                _("Certificate of contributions from the other region (参保缴费凭证)"),
                True,
                _("the two offices exchange it; you do not fetch it"),
            ),
        ),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CHECK, _("Pick the other region; we show what moves and where you will claim.")),
            (CONFIRM, _("Confirm and send.")),
            (TRACK, _("The two offices exchange letters and funds; follow it in My applications.")),
        ),
        time_limit_days=15,
        time_limit_basis=_(
            "The receiving office issues the contact letter within 15 working days of accepting "
            "(国办发〔2009〕66号 procedure) [M]"
        ),
        legal_basis=(
            "《中华人民共和国社会保险法》第十九条",
            "国办发〔2009〕66号《城镇企业职工基本养老保险关系转移接续暂行办法》",
        ),
        url_name="portal:transfer",
        on_approved="shebao.transfers.services.transfer_on_approved",
    ),
    Service(
        code="pension_claim",
        name=_("Basic pension claim at retirement"),
        summary=_(
            "Start your monthly basic pension when you reach retirement age. We fill in your "
            "years, your account and the pension we computed; you confirm."
        ),
        conditions=(
            _("You reach the statutory retirement age (or the flexible age you choose)."),
            _("You have paid for at least the minimum number of years for your retirement year."),
        ),
        materials=(ID_HELD, RECORDS_HELD, BANK_HELD),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CHECK, _("Check your eligibility, years and computed pension.")),
            (CONFIRM, _("Confirm the bank account and send.")),
            (TRACK, _("Follow the review in My applications; the first payment follows.")),
        ),
        time_limit_days=20,
        time_limit_basis=_("The office's published commitment"),
        legal_basis=(
            "《中华人民共和国社会保险法》第十六条",
            "国发〔2005〕38号《国务院关于完善企业职工基本养老保险制度的决定》",
            "《国务院关于渐进式延迟法定退休年龄的办法》(2025)",
        ),
        url_name="portal:claim-pension",
    ),
    Service(
        code="unemployment_claim",
        name=_("Unemployment benefit claim"),
        summary=_(
            "Claim unemployment benefit after losing your job against your will. We fill in "
            "your contribution years, the months you can receive and the monthly amount."
        ),
        conditions=(
            _("You and your employer paid unemployment insurance for at least one year."),
            _("Your employment ended against your will."),
            _("You registered as unemployed and are looking for work."),
        ),
        materials=(
            ID_HELD,
            RECORDS_HELD,
            Material(
                _("Unemployment registration"), True, _("received from the employment office")
            ),
            BANK_HELD,
        ),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CHECK, _("Check the months and the monthly amount we computed.")),
            (CONFIRM, _("Confirm the bank account and send.")),
            (TRACK, _("Follow the review in My applications.")),
        ),
        time_limit_days=10,
        time_limit_basis=_("《失业保险金申领发放办法》: decided within 10 days of acceptance [M]"),
        legal_basis=(
            "《失业保险条例》第十四条、第十七条、第十八条",
            "《中华人民共和国社会保险法》第四十五条至第四十八条",
        ),
        url_name="portal:claim-unemployment",
    ),
    Service(
        code="survivor_claim",
        name=_("Funeral grant and survivor benefits"),
        summary=_(
            "When an insured person or pensioner dies, a family member claims the funeral "
            "grant and survivor benefits, and the rest of the personal account is inherited."
        ),
        conditions=(
            _("The insured person or pensioner has died and the office has the death record."),
            _("You are a family member the office knows (child, spouse or parent)."),
        ),
        materials=(
            ID_HELD,
            Material(
                _("Death record"), True, _("received from the civil affairs or police record")
            ),
            Material(_("Proof of family relation"), True, _("held by the office")),
            BANK_HELD,
        ),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CHECK, _("Check the amounts we computed for your family member.")),
            (CONFIRM, _("Confirm the bank account and send.")),
            (TRACK, _("Follow the review in My applications.")),
        ),
        time_limit_days=10,
        time_limit_basis=_("The office's published commitment"),
        legal_basis=("《中华人民共和国社会保险法》第十四条、第十七条",),
        url_name="portal:claim-survivor",
    ),
    Service(
        code="address_change",
        name=_("Change of mailing address"),
        summary=_(
            "Tell us where letters from the office should go. A simple change is approved "
            "automatically within minutes."
        ),
        conditions=(_("Anyone insured with the office."),),
        materials=(ID_HELD,),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CONFIRM, _("Type the new address and send.")),
            (TRACK, _("The checks approve it, usually at once; see it in My applications.")),
        ),
        time_limit_days=1,
        time_limit_basis=_("The office's published commitment"),
        legal_basis=("《社会保险个人权益记录管理办法》（人力资源社会保障部令第14号）",),
        url_name="portal:address-change",
        on_approved="shebao.registry.services.address_change_apply",
        auto_approve=True,
    ),
    Service(
        code="contribution_payment",
        name=_("Contribution payment for flexible workers"),
        summary=_(
            "Pay your pension contribution as a flexible worker (灵活就业). We know your base "
            "and the months due; you confirm and pick how to pay."
        ),
        conditions=(_("You are insured as a flexible worker with this office."),),
        materials=(ID_HELD, RECORDS_HELD),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CHECK, _("Check the months due and your base (60–300 % of the average wage).")),
            (PAY, _("Pick a payment method and pay.")),
            (TRACK, _("Your receipt is issued and your records update at once.")),
        ),
        time_limit_days=None,
        time_limit_basis=_("Done at once online"),
        legal_basis=("《中华人民共和国社会保险法》第十条",),
        url_name="portal:pay",
        is_application=False,
    ),
    Service(
        code="appointment",
        name=_("Book a counter visit"),
        summary=_(
            "For what cannot be done online, book a time at an office counter. You get a "
            "check-in code and a reminder the day before."
        ),
        conditions=(_("Anyone insured with the office."),),
        materials=(ID_HELD,),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (COUNTER, _("Pick the service, the office and a free time.")),
            (CONFIRM, _("Confirm; keep the check-in code.")),
            (TRACK, _("Change or cancel it online any time before.")),
        ),
        time_limit_days=None,
        time_limit_basis=_("Done at once online"),
        legal_basis=("国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》",),
        url_name="portal:appointments",
        is_application=False,
    ),
    Service(
        code="certificate",
        name=_("Insurance certificate"),
        summary=_("Print a signed certificate of your insurance that anyone can check online."),
        conditions=(_("Anyone insured with the office."),),
        materials=(ID_HELD, RECORDS_HELD),
        steps=(
            (SIGN_IN, _("Sign in.")),
            (CONFIRM, _("Issue the certificate.")),
            (TRACK, _("Download the PDF; the QR code lets anyone check it.")),
        ),
        time_limit_days=None,
        time_limit_basis=_("Done at once online"),
        legal_basis=("《中华人民共和国社会保险法》第七十四条",),
        url_name="portal:certificate",
        is_application=False,
    ),
)

BY_CODE = {s.code: s for s in SERVICES}


def service(code: str) -> Service:
    return BY_CODE[code]
