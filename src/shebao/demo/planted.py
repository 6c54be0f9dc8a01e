"""Planted cases for the automated review (智能审核): a few people whose records show one risk
pattern each, written like everyone else and hidden among the ordinary population. Nothing in
the data marks them — the checks must find them from the records:

- 何立新 claims his pension; as a flexible worker he raised his base from the lowest to the
  highest level in the three years before retirement (a sharp base rise);
- 吴海涛 claims unemployment benefit; while employed in Xinji he also paid into the residents'
  pension scheme in Jinan for a year, the same months (pension insurance in two regions, as the
  national data comparison reports it);
- 郑国庆, a pensioner, died in March, yet his pension went on being paid; his daughter 郑红
  claims the funeral grant for him (pension paid after death);
- 马春生 claims unemployment benefit to a bank account that is also on file for 冯淑珍, who is
  no relative of his (one account, unrelated people);
- 韩玉梅's unemployment claim was rejected and she filed the same claim again at once
  (repeated after rejection).

The persons, records, pensions and life events go through the same services as the seed's; the
applications are filed through the claim service, so they wait in the Xinji staff queue for the
automated review (the worker picks them up) and then for a reviewer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from stdnum.cn import ric

from .personas import DEMO_EMPLOYERS, Job, m
from .population import OFFICE_ID_CODES, PersonPlan, add_months

# 吴海涛's residents' pension in another region (济南市历下区), paid monthly for a year.
OTHER_REGION = "370102"
OTHER_REGION_MONTHS = [add_months(m("2013-03"), n) for n in range(12)]
RESIDENT_MONTHLY = Decimal("50.00")
SHARED_ACCOUNT = "6217000130181402677"
# The reason the first claim of 韩玉梅 was rejected with (a reviewer's words).
REJECTION = "单位报送的离职原因为本人辞职，不属于非本人意愿中断就业，暂不能领取失业保险金。"


def _id_code(birth: dt.date) -> str:
    return next(code for last, code in OFFICE_ID_CODES["xinji"] if birth.year <= last)


def _resident_id(birth: dt.date, *, male: bool, start: int) -> str:
    from shebao.registry.selectors import person_by_resident_id

    code = _id_code(birth)
    for order in range(start, start + 400):
        order %= 1000
        if (order % 2 == 1) != male:
            continue
        body = f"{code}{birth:%Y%m%d}{order:03d}"
        number = body + ric.calc_check_digit(body + "0")
        if person_by_resident_id(number) is None:
            return number
    raise RuntimeError("no free order code")


def _plan(name, birth, category, phone, *, start, bank="中国农业银行", account=None, **facts):
    male = category == "male"
    return PersonPlan(
        name=name,
        resident_id=_resident_id(birth, male=male, start=start),
        category=category,
        office="xinji",
        hukou="130181",
        phone=phone,
        bank_account=account or f"6228480{phone[-8:]}{start:04d}",
        bank_name=bank,
        **facts,
    )


def _plans(today: dt.date) -> dict[str, PersonPlan]:
    from .histories import statutory_retirement

    last = add_months(today.replace(day=1), -1)
    he_birth = dt.date(1966, 8, 14)
    he_retires = statutory_retirement(he_birth, "male")
    rise_from = add_months(he_retires, -30)  # inside the 36 months before retirement
    return {
        "base_rise": _plan(
            "何立新",
            he_birth,
            "male",
            "13831123457",
            start=317,
            deemed=(m("1985-09"), m("1995-12")),
            jobs=[
                Job(m("1996-01"), m("2005-12"), "textile", "0.85"),
                Job(m("2006-01"), add_months(rise_from, -1), None, "0.6"),
                Job(rise_from, None, None, "3.0"),
            ],
        ),
        "two_regions": _plan(
            "吴海涛",
            dt.date(1979, 11, 3),
            "male",
            "13933107286",
            start=233,
            bank="中国建设银行",
            jobs=[Job(m("2011-04"), m("2026-09"), "logistics", "1.0")],
            unemployed=dt.date(2026, 10, 12),
        ),
        "deceased": _plan(
            "郑国庆",
            dt.date(1946, 5, 21),
            "male",
            "13503218846",
            start=151,
            deemed=(m("1966-03"), m("1995-12")),
            jobs=[Job(m("1996-01"), m("2006-04"), "textile", "0.95")],
            retired=m("2006-05"),
        ),
        "deceased_child": _plan(
            "郑红",
            dt.date(1976, 2, 9),
            "female_55",
            "13785129034",
            start=402,
            bank="中国工商银行",
            jobs=[Job(m("1998-07"), None, "leather", "0.9")],
        ),
        "shared_applicant": _plan(
            "马春生",
            dt.date(1984, 6, 30),
            "male",
            "15131176521",
            start=275,
            bank="河北省农村信用社",
            account=SHARED_ACCOUNT,
            jobs=[Job(m("2008-05"), m("2026-08"), "school_supplies", "0.9")],
            unemployed=dt.date(2026, 9, 21),
        ),
        "shared_other": _plan(
            "冯淑珍",
            dt.date(1951, 12, 2),
            "female_50",
            "13230155870",
            start=118,
            bank="河北省农村信用社",
            account=SHARED_ACCOUNT,
            deemed=(m("1970-04"), m("1995-12")),
            jobs=[Job(m("1996-01"), m("2001-11"), "textile", "0.8")],
            retired=m("2001-12"),
        ),
        "repeated": _plan(
            "韩玉梅",
            dt.date(1988, 3, 17),
            "female_50",
            "18731142209",
            start=362,
            bank="邮政储蓄银行",
            jobs=[Job(m("2015-06"), add_months(last, -2), "leather", "0.8")],
            unemployed=dt.date(2026, 9, 8),
        ),
    }


def plant_review_cases(*, offices: dict, today) -> None:
    """Write the planted persons and file their applications (a few rows, seconds)."""
    from shebao.accounts.selectors import staff_of_office
    from shebao.applications.services import (
        application_check,
        application_decide,
        application_transition,
    )
    from shebao.benefits.services import benefit_claim_file
    from shebao.contributions.services import (
        EnrolmentInput,
        MonthRecord,
        contribution_histories_import,
        enrolments_open,
    )
    from shebao.registry.models import Employer
    from shebao.registry.selectors import person_by_resident_id
    from shebao.registry.services import LifeEventInput, kinship_record, life_events_record

    from .seed import _write

    office = offices["xinji"]
    plans = _plans(today)
    employers, classes = {}, {}
    for key, (name, _industry, klass) in DEMO_EMPLOYERS.items():
        employer = Employer.objects.filter(name=name).first()
        if employer is not None:
            employers[key], classes[key] = employer, klass
    _write(
        list(plans.values()),
        office=office,
        employers=employers,
        classes=classes,
        last_month=add_months(today.replace(day=1), -1),
        password_hash="",
    )
    person = {key: person_by_resident_id(plan.resident_id) for key, plan in plans.items()}

    # The national comparison (全国参保信息比对) reports 吴海涛's residents' pension in Jinan.
    elsewhere = OTHER_REGION_MONTHS
    (enrolment,) = enrolments_open(
        [
            EnrolmentInput(
                person=person["two_regions"],
                insurance_type="resident_pension",
                participation="resident",
                region_code=OTHER_REGION,
                start_month=elsewhere[0],
                end_month=elsewhere[-1],
                status="ended",
            )
        ],
        office=office,
    )
    contribution_histories_import(
        [
            (
                person["two_regions"],
                [
                    MonthRecord(
                        enrolment.pk,
                        "resident_pension",
                        month,
                        OTHER_REGION,
                        Decimal("0.00"),
                        Decimal("0.00"),
                        RESIDENT_MONTHLY,
                        RESIDENT_MONTHLY,
                        "paid",
                        "import",
                        "",
                    )
                    for month in elsewhere
                ],
            )
        ],
        office=office,
        source="import",
    )

    # The death record arrived from civil affairs; the pension was not stopped.
    life_events_record(
        [
            LifeEventInput(
                person["deceased"],
                "death",
                dt.date(today.year, 3, 8),
                "death record from civil affairs (民政死亡信息)",
            )
        ],
        office=office,
    )
    kinship_record(
        person=person["deceased"],
        relative=person["deceased_child"],
        relation="child",
        source="household register (户籍信息)",
    )

    def claim(key, service, **extra):
        application, _created = benefit_claim_file(
            person=person[key],
            service=service,
            as_of=today,
            idempotency_key=str(uuid.uuid5(uuid.NAMESPACE_URL, f"planted/{key}/{service}/{extra}")),
            bank_confirmed=True,
            **extra,
        )
        return application

    # 韩玉梅: the first claim is decided (rejected, checked by a second person) before the second.
    staff = {u.username: u for u in staff_of_office(office)}
    first = claim("repeated", "unemployment_claim", declared=True, note="")
    first = application_transition(application=first, to="waiting_review", role="system")
    application_decide(
        application=first, outcome="reject", reason=REJECTION, actor=staff["reviewer"]
    )
    application_check(application=first, confirm=True, actor=staff["supervisor"])
    claim("repeated", "unemployment_claim", declared=True, note="单位已更正离职原因。")

    claim("base_rise", "pension_claim")
    claim("two_regions", "unemployment_claim", declared=True)
    claim("shared_applicant", "unemployment_claim", declared=True)
    claim("deceased_child", "survivor_claim", subject_ref=str(person["deceased"].ref))
