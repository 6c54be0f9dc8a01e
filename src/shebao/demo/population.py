"""The synthetic population of the demo city, as plans (no database, no policy arithmetic).

A `PersonPlan` says who someone is and what happened to them: birth, retirement group, ID
number (with the region code valid in the birth year, so it passes the platform's validator),
phone, bank account, jobs with gaps and changes, deemed years, retirement, death, a move in.
`histories.py` turns a plan into records with the policy engine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from stdnum.cn import ric

from .names import person_name
from .personas import PERSONAS, Job, Persona

# ID region codes of the two offices by birth year (GB/T 2260 history, as python-stdnum knows it).
OFFICE_ID_CODES = {
    "xinji": ((1985, "132321"), (1992, "132301"), (9999, "130181")),  # 束鹿县, 辛集市 (two codes)
    "jinzhou": ((1990, "132322"), (1992, "132303"), (9999, "130183")),  # 晋县, 晋州市
}
OFFICE_REGION = {"xinji": "130181", "jinzhou": "130183"}
# Where people moved in from: (ID code, hukou code), codes valid for most birth years.
ORIGINS = (
    ("410102", "410102"),
    ("370102", "370102"),
    ("510104", "510104"),
    ("230102", "230102"),
    ("130102", "130102"),
    ("140105", "140105"),
)
# Age pyramid of a Hebei county (share per 5-year band from 18), roughly census-shaped.
AGE_BANDS = (
    (18, 6),
    (23, 7),
    (28, 8),
    (33, 9),
    (38, 8),
    (43, 8),
    (48, 10),
    (53, 11),
    (58, 10),
    (63, 8),
    (68, 6),
    (73, 4),
    (78, 3),
    (83, 1.5),
    (88, 0.5),
)


@dataclass
class PersonPlan:
    name: str
    resident_id: str
    category: str  # male | female_55 | female_50
    office: str
    hukou: str
    phone: str
    bank_account: str
    bank_name: str
    jobs: list[Job] = field(default_factory=list)
    deemed: tuple[dt.date, dt.date] | None = None
    retired: dt.date | None = None
    died: dt.date | None = None
    unemployed: dt.date | None = None
    moved_in: dt.date | None = None
    due_month: dt.date | None = None
    elder_mode: bool = False
    parent: str | None = None
    persona: bool = False

    @property
    def birth(self) -> dt.date:
        return dt.date(
            int(self.resident_id[6:10]), int(self.resident_id[10:12]), int(self.resident_id[12:14])
        )


def add_months(month: dt.date, n: int) -> dt.date:
    total = month.year * 12 + month.month - 1 + n
    return dt.date(total // 12, total % 12 + 1, 1)


BANKS = (
    "中国工商银行",
    "中国农业银行",
    "中国建设银行",
    "中国银行",
    "河北省农村信用社",
    "邮政储蓄银行",
)


class Generator:
    """Deterministic: the same seed gives the same city."""

    def __init__(self, *, seed: int, today: dt.date, employers: dict[str, list[str]]) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.last_month = add_months(today.replace(day=1), -1)
        self.employers = employers  # office -> employer keys
        self.used_ids: set[str] = {p.resident_id for p in PERSONAS}
        self.used_phones: set[str] = set()

    def phone(self) -> str:
        while True:
            number = self.rng.choice("3578") + "".join(
                self.rng.choice("0123456789") for _ in range(9)
            )
            number = "1" + number
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def bank_account(self) -> str:
        return "6217" + "".join(self.rng.choice("0123456789") for _ in range(15))

    def resident_id(self, *, code: str, birth: dt.date, male: bool) -> str:
        for _ in range(2000):
            order = self.rng.randrange(0, 1000)
            if (order % 2 == 1) != male:
                continue
            body = f"{code}{birth:%Y%m%d}{order:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number
        raise RuntimeError("ran out of order codes")

    def _birth(self) -> dt.date:
        bands, weights = zip(*AGE_BANDS, strict=True)
        start = self.rng.choices(bands, weights)[0]
        age_days = int((start + self.rng.random() * 5) * 365.25)
        return self.today - dt.timedelta(days=age_days)

    def persona(self, p: Persona) -> PersonPlan:
        return PersonPlan(
            name=p.name,
            resident_id=p.resident_id,
            category=p.category,
            office=p.office,
            hukou=p.hukou,
            phone=self.phone(),
            bank_account=self.bank_account(),
            bank_name=self.rng.choice(BANKS),
            jobs=list(p.jobs),
            deemed=p.deemed,
            retired=p.retired,
            died=p.died,
            unemployed=p.unemployed,
            moved_in=p.moved_in,
            due_month=p.due_month,
            elder_mode=p.elder_mode,
            parent=p.parent,
            persona=True,
        )

    def person(self, *, office: str, retirement_month) -> PersonPlan:
        """One synthetic person. ``retirement_month(birth, category)`` comes from the rules."""
        rng = self.rng
        male = rng.random() < 0.5
        category = "male" if male else ("female_50" if rng.random() < 0.65 else "female_55")
        birth = self._birth()
        moved = rng.random() < 0.08
        if moved:
            id_code, hukou = rng.choice(ORIGINS)
        else:
            id_code = next(code for last, code in OFFICE_ID_CODES[office] if birth.year <= last)
            hukou = OFFICE_REGION[office]
        try:
            number = self.resident_id(code=id_code, birth=birth, male=male)
            ric.validate(number)
        except Exception:  # an origin code not valid in that birth year: born locally instead
            id_code = next(code for last, code in OFFICE_ID_CODES[office] if birth.year <= last)
            hukou, moved = OFFICE_REGION[office], False
            number = self.resident_id(code=id_code, birth=birth, male=male)
        plan = PersonPlan(
            name=person_name(rng, male=male),
            resident_id=number,
            category=category,
            office=office,
            hukou=hukou,
            phone=self.phone(),
            bank_account=self.bank_account(),
            bank_name=rng.choice(BANKS),
        )
        self._career(plan, retirement_month(birth, category), moved=moved)
        return plan

    def _career(self, plan: PersonPlan, retire: dt.date, *, moved: bool) -> None:
        rng = self.rng
        birth_month = plan.birth.replace(day=1)
        first = add_months(birth_month, 12 * rng.randint(18, 23) + rng.randint(0, 11))
        rural = rng.random() < 0.18  # never in employee insurance (residents' scheme instead)
        if rural or first > self.last_month:
            return
        end_of_work = min(add_months(retire, -1), self.last_month)
        start = first
        if first < dt.date(1996, 1, 1):
            if rng.random() < 0.7:  # state or collective work before accounts began: deemed years
                plan.deemed = (first, dt.date(1995, 12, 1))
                start = dt.date(1996, 1, 1)
            else:
                start = add_months(dt.date(1996, 1, 1), rng.randint(0, 60))
        if moved:
            plan.moved_in = add_months(start, rng.randint(0, 120))
            start = max(start, plan.moved_in)
        region = OFFICE_REGION[plan.office]
        index = rng.choice((0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.1, 1.2, 1.4, 1.7, 2.0, 2.6))
        month = start
        while month <= end_of_work:
            length = rng.randint(12, 180)
            job_end = min(add_months(month, length - 1), end_of_work)
            # Flexible workers (灵活就业) join the employees' scheme from 2006 in the rule data.
            flexible = month.year >= 2006 and (
                rng.random() < 0.15 or not self.employers[plan.office]
            )
            employer = None if flexible else rng.choice(self.employers[plan.office])
            ratio = rng.choice(("0.6", "0.6", "0.8", "1.0")) if flexible else f"{index:.2f}"
            plan.jobs.append(
                Job(
                    month,
                    None if job_end == self.last_month else job_end,
                    employer,
                    ratio,
                    region=region,
                )
            )
            index = min(3.0, max(0.6, round(index * rng.choice((0.9, 1.0, 1.05, 1.1, 1.2)), 2)))
            month = add_months(job_end, 1)
            if rng.random() < 0.3:  # a gap (断缴) between jobs
                month = add_months(month, rng.randint(1, 24))
        if retire <= self.last_month and (plan.jobs or plan.deemed):
            plan.retired = retire
            age = (self.today - plan.birth).days / 365.25
            if age > 75 and rng.random() < 0.04:
                plan.died = dt.date(self.today.year - rng.randint(0, 3), rng.randint(1, 12), 15)
                if plan.died >= self.today or plan.died.replace(day=1) <= plan.retired:
                    plan.died = None
        elif (
            plan.jobs
            and plan.jobs[-1].end is not None
            and plan.jobs[-1].end >= add_months(self.last_month, -6)
            and rng.random() < 0.3
        ):
            plan.unemployed = add_months(plan.jobs[-1].end, 1) + dt.timedelta(
                days=rng.randint(0, 20)
            )
