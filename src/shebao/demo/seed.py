"""Seeding the demo city: offices, staff, employers, the personas and a synthetic population.

Everything is written through the domain services, so the seed exercises the same write paths
(and records the same ledger events) as real use. Plans and histories are computed first, then
written in chunks of a few hundred persons per transaction.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.db import transaction
from stdnum.cn import uscc
from tqdm import tqdm

from shebao.accounts.services import citizen_account_create, staff_account_create
from shebao.benefits.services import (
    AwardInput,
    pension_awards_grant,
    pension_payments_import,
    pension_stop,
)
from shebao.contributions.services import (
    AccountYearRow,
    EnrolmentInput,
    account_years_import,
    contribution_histories_import,
    deemed_periods_record,
    enrolments_open,
)
from shebao.regions.services import office_create, regions_load_gbt2260
from shebao.registry.services import (
    LifeEventInput,
    PersonInput,
    employer_register,
    kinship_record,
    life_events_record,
    persons_register,
)

from . import histories
from .personas import DEMO_EMPLOYERS, DEMO_TOTP_BASE32, PERSONAS, STAFF
from .population import OFFICE_REGION, Generator, PersonPlan, add_months

DEMO_PASSWORD = "Shebao@2026"
OFFICES = {
    "xinji": ("辛集市社会保险事业服务中心", "130181", "xinji.shebao.example/ledger"),
    "jinzhou": ("晋州市社会保险事业服务中心", "130183", "jinzhou.shebao.example/ledger"),
}
# The provincial agency: no insured persons of its own; its staff see every office of Hebei.
PROVINCE = ("hebei", "河北省社会保险事业管理局", "130000", "hebei.shebao.example/ledger")
INDUSTRIES = (  # (industry, work-injury class 1-8, name stem)
    ("leather goods", 4, "皮革制品"),
    ("chemicals", 6, "化工"),
    ("textiles", 3, "纺织"),
    ("construction", 6, "建筑工程"),
    ("retail", 1, "商贸"),
    ("logistics", 4, "物流"),
    ("food processing", 3, "食品"),
    ("machinery", 5, "机械制造"),
    ("education", 1, "教育培训"),
    ("health care", 2, "医疗服务"),
)
CHUNK = 250
NAME_FIRST, NAME_SECOND = "东西南北华兴恒泰永盛", "方达信隆源丰安利"


def seed_city(
    *, persons: int = 1000, progress: bool = False, today: dt.date | None = None, seed: int = 2026
) -> dict[str, int]:
    """Create the demo city with ``persons`` insured persons (the personas included)."""
    today = today or dt.date.today()
    last_month = add_months(today.replace(day=1), -1)
    regions_load_gbt2260()
    every = demo_offices()
    demo_staff(every)
    offices = {code: every[code] for code in OFFICES}  # the cities' centres hold the people
    employers, classes = _employers(offices, persons, random.Random(seed))
    generator = Generator(
        seed=seed,
        today=today,
        employers={o: [k for k, e in employers.items() if e.office.code == o] for o in offices},
    )
    password_hash = make_password(DEMO_PASSWORD)  # argon2 once; every demo citizen shares it
    plans = _plans(generator, persons)
    written = 0
    bar = tqdm(total=persons, unit="persons", disable=not progress)
    for chunk in _chunks(plans, CHUNK):
        by_office: dict[str, list[PersonPlan]] = {}
        for plan in chunk:
            by_office.setdefault(plan.office, []).append(plan)
        for office_code, group in by_office.items():
            _write(
                group,
                office=offices[office_code],
                employers=employers,
                classes=classes,
                last_month=last_month,
                password_hash=password_hash,
            )
        written += len(chunk)
        bar.update(len(chunk))
    bar.close()
    _family_ties(offices)
    _service_data(offices, today)
    return {"persons": written, "employers": len(employers)}


def _service_data(offices: dict, today: dt.date) -> None:
    """What the online services need: the holiday table (last year to next; a year not yet
    published is loaded provisional), counters and slots, the partner office of transfers."""
    from shebao.appointments.demo import seed_appointments
    from shebao.demo.case_history import seed_case_history
    from shebao.demo.planted import plant_review_cases
    from shebao.transfers.demo import seed_transfers
    from shebao.workdays.services import calendar_year_load

    for year in range(today.year - 1, today.year + 2):
        calendar_year_load(year=year, office=offices["xinji"])
    seed_appointments(offices=offices, today=today)
    seed_transfers(offices=offices, today=today)
    plant_review_cases(offices=offices, today=today)
    seed_case_history(offices=offices, today=today)


def _plans(generator: Generator, persons: int) -> Iterator[PersonPlan]:
    for persona in PERSONAS[:persons]:
        yield generator.persona(persona)
    for _ in range(max(0, persons - len(PERSONAS))):
        office = "xinji" if generator.rng.random() < 0.85 else "jinzhou"
        yield generator.person(office=office, retirement_month=histories.statutory_retirement)


def _chunks(items: Iterator[PersonPlan], size: int) -> Iterator[list[PersonPlan]]:
    chunk: list[PersonPlan] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def demo_offices() -> dict:
    """The demo's offices by code: the two cities' centres and the provincial agency."""
    every = {**OFFICES, PROVINCE[0]: PROVINCE[1:]}
    return {
        code: office_create(
            code=code, name=name, region_code=region, province_code="130000", ledger_origin=origin
        )
        for code, (name, region, origin) in every.items()
    }


def demo_staff(offices) -> None:
    """The demo's staff accounts (STAFF), all with the demo password and TOTP secret."""
    secret_hex = base64.b32decode(DEMO_TOTP_BASE32).hex()
    for member in STAFF:
        staff_account_create(
            username=member.username,
            office=offices[member.office],
            role=member.role,
            password=DEMO_PASSWORD,
            totp_secret_hex=secret_hex,
            superuser=member.role == "admin",
        )


def _credit_code(rng: random.Random, region: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + region + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def _employers(offices, persons: int, rng: random.Random):
    employers, classes = {}, {}
    for key, (name, industry, klass) in DEMO_EMPLOYERS.items():
        employers[key] = employer_register(
            name=name,
            credit_code=_credit_code(rng, "130181"),
            industry=industry,
            work_injury_class=klass,
            region_code="130181",
            office=offices["xinji"],
        )
        classes[key] = klass
    per_office = max(6, persons // 40)
    for code, office in offices.items():
        place = "辛集市" if code == "xinji" else "晋州市"
        for n in range(per_office):
            industry, klass, stem = INDUSTRIES[n % len(INDUSTRIES)]
            key = f"{code}-{n}"
            trade_name = rng.choice(NAME_FIRST) + rng.choice(NAME_SECOND)
            employers[key] = employer_register(
                name=f"{place}{trade_name}{stem}有限公司{n + 1}",
                credit_code=_credit_code(rng, OFFICE_REGION[code]),
                industry=industry,
                work_injury_class=klass,
                region_code=OFFICE_REGION[code],
                office=office,
            )
            classes[key] = klass
    return employers, classes


def _write(
    plans: list[PersonPlan], *, office, employers, classes, last_month, password_hash
) -> None:
    computed = [
        histories.build(
            p, office_region=office.region_code, last_month=last_month, employer_classes=classes
        )
        for p in plans
    ]
    with transaction.atomic():
        persons = persons_register(
            [
                PersonInput(
                    name=p.name,
                    resident_id=p.resident_id,
                    phone=p.phone,
                    retirement_category=p.category,
                    hukou_region_code=p.hukou,
                    hukou_rural=False,
                    bank_name=p.bank_name,
                    bank_account=p.bank_account,
                )
                for p in plans
            ],
            office=office,
        )
        enrol_items, owners = [], []
        for person, history in zip(persons, computed, strict=True):
            for spec in history.enrolments:
                enrol_items.append(
                    EnrolmentInput(
                        person=person,
                        insurance_type=spec.insurance_type,
                        participation=spec.participation,
                        region_code=spec.region_code,
                        start_month=spec.start,
                        end_month=spec.end,
                        status=spec.status,
                        office=office if spec.own_office else None,
                        employer=employers[spec.employer] if spec.employer else None,
                    )
                )
                owners.append(spec.key)
        enrolments = enrolments_open(enrol_items, office=office)
        by_key = {}
        for item, key, enrolment in zip(enrol_items, owners, enrolments, strict=True):
            by_key[(item.person.pk, key)] = enrolment.pk
        contribution_histories_import(
            [
                (
                    person,
                    [
                        replace(record, enrolment_id=by_key[(person.pk, key)])
                        for key, record in history.months
                    ],
                )
                for person, history in zip(persons, computed, strict=True)
                if history.months
            ],
            office=office,
            source="import",
        )
        account_years_import(
            [
                (
                    person,
                    [
                        AccountYearRow(
                            y["year"],
                            y["opening"],
                            y["credits"],
                            y["rate"],
                            history.account_rule_version and _assumed_rate(y["year"]),
                            y["interest"],
                            y["closing"],
                            history.account_rule_version,
                        )
                        for y in history.account_years
                    ],
                )
                for person, history in zip(persons, computed, strict=True)
                if history.account_years
            ],
            office=office,
        )
        deemed_periods_record(
            [
                (person, p.deemed[0], p.deemed[1], "personnel file (人事档案)")
                for person, p in zip(persons, plans, strict=True)
                if p.deemed
            ],
            office=office,
        )
        _life_events(persons, plans, office)
        _pensions(persons, plans, computed, office)
        for person, plan in zip(persons, plans, strict=True):
            if plan.persona:
                user = citizen_account_create(
                    person=person, resident_id=plan.resident_id, password_hash=password_hash
                )
                if plan.elder_mode:
                    user.elder_mode = True
                    user.save(update_fields=["elder_mode"])


@lru_cache(maxsize=256)
def _assumed_rate(year: int) -> bool:
    from shebao_rules.params import lookup

    return lookup("pension.account_interest_rate", "national", year, allow_assumed=True).assumed


def _life_events(persons, plans, office) -> None:
    events = []
    for person, plan in zip(persons, plans, strict=True):
        if plan.moved_in:
            events.append(
                LifeEventInput(
                    person, "move_in", plan.moved_in, "transfer record", region_code=plan.hukou
                )
            )
        if plan.retired:
            events.append(LifeEventInput(person, "retirement", plan.retired, "retirement approval"))
        if plan.unemployed:
            events.append(
                LifeEventInput(
                    person, "unemployment", plan.unemployed, "unemployment registration (失业登记)"
                )
            )
        if plan.died:
            events.append(
                LifeEventInput(
                    person, "death", plan.died, "death record from civil affairs (民政死亡信息)"
                )
            )
    life_events_record(events, office=office)


def _pensions(persons, plans, computed, office) -> None:
    granted = [
        (person, plan, history)
        for person, plan, history in zip(persons, plans, computed, strict=True)
        if history.award
    ]
    awards = pension_awards_grant(
        [
            AwardInput(
                person=person,
                start_month=plan.retired,
                components=history.award["components"],
                rule_version=history.award["rule_version"],
                inputs=history.award["inputs"],
            )
            for person, plan, history in granted
        ],
        office=office,
    )
    pension_payments_import(
        [(award, history.payments) for award, (_, _, history) in zip(awards, granted, strict=True)],
        office=office,
    )
    for award, (_, plan, _) in zip(awards, granted, strict=True):
        if plan.died:
            pension_stop(
                award=award, from_month=add_months(plan.died.replace(day=1), 1), reason="death"
            )


def _family_ties(offices) -> None:
    from shebao.registry.selectors import person_by_resident_id

    for persona in PERSONAS:
        if persona.parent:
            child = person_by_resident_id(persona.resident_id)
            parent = person_by_resident_id(persona.parent)
            if child and parent:
                kinship_record(
                    person=parent,
                    relative=child,
                    relation="child",
                    source="household register (户籍信息)",
                )
