"""The demo personas: people who exist exactly as given (facts as of 2026-11), and staff.

Each persona's history is spelled out here as data; `seed.py` turns it into records through the
same services as every other person. Histories run to the month before "today" of the seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def m(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


@dataclass(frozen=True)
class Job:
    """A stretch of contributions: employee at an employer, or flexible work (灵活就业)."""

    start: dt.date
    end: dt.date | None  # None: still going at the seed's "today"
    employer: str | None  # key of DEMO_EMPLOYERS; None for flexible work
    wage_index: str  # wage ÷ average wage, or the chosen base ratio for flexible work
    region: str = "130181"
    employee_elsewhere: bool = False  # employed by an employer another region's office holds

    @property
    def kind(self) -> str:
        return "employee" if self.employer or self.employee_elsewhere else "flexible"


@dataclass(frozen=True)
class Persona:
    name: str
    resident_id: str
    category: str
    summary: str
    office: str = "xinji"
    hukou: str = "130181"
    deemed: tuple[dt.date, dt.date] | None = None
    jobs: tuple[Job, ...] = ()
    retired: dt.date | None = None
    died: dt.date | None = None
    unemployed: dt.date | None = None
    moved_in: dt.date | None = None
    due_month: dt.date | None = None  # a month due and not yet paid
    elder_mode: bool = False
    parent: str | None = None  # resident_id of a parent held by the office
    extra: dict = field(default_factory=dict)


# Employers the personas work for; the generated city adds many more.
DEMO_EMPLOYERS = {
    "leather": ("辛集市东方皮革制品有限公司", "leather goods", 4),
    "chemical": ("辛集市华兴化工有限公司", "chemicals", 6),
    "textile": ("辛集市棉纺织厂", "textiles", 3),
    "logistics": ("辛集市通达物流有限公司", "logistics", 4),
    "school_supplies": ("辛集市新华文具有限公司", "light manufacturing", 3),
}

PERSONAS: tuple[Persona, ...] = (
    Persona(
        "王秀兰",
        "132321194803120020",
        "female_50",
        "retired 1998 at 50 (factory worker), draws a pension; poor eyesight",
        deemed=(m("1966-09"), m("1995-12")),
        jobs=(Job(m("1996-01"), m("1998-02"), "textile", "0.85"),),
        retired=m("1998-03"),
        elder_mode=True,
    ),
    Persona(
        "李建国",
        "132321196705150014",
        "male",
        "leather-factory worker since 1986-07; statutory retirement 2028-01",
        deemed=(m("1986-07"), m("1995-12")),
        jobs=(Job(m("1996-01"), None, "leather", "1.05"),),
    ),
    Persona(
        "张伟",
        "130181200006180030",
        "male",
        "flexible worker since 2022-03 at 60% of the average wage; November due",
        jobs=(Job(m("2022-03"), m("2026-10"), None, "0.6"),),
        due_month=m("2026-11"),
    ),
    Persona(
        "刘芳",
        "510122197805200049",
        "female_50",
        "insured in Chengdu 2000-07…2015-12, in Xinji since 2016-01; Sichuan years not transferred",
        hukou="510122",
        jobs=(
            Job(m("2000-07"), m("2015-12"), None, "0.9", region="510100", employee_elsewhere=True),
            Job(m("2016-01"), None, "logistics", "0.9"),
        ),
        moved_in=m("2016-01"),
    ),
    Persona(
        "陈强",
        "13232119850909005X",
        "male",
        "employee 2014-09…2026-09, registered unemployed 2026-10-15",
        jobs=(Job(m("2014-09"), m("2026-09"), "school_supplies", "0.95"),),
        unemployed=dt.date(2026, 10, 15),
    ),
    Persona(
        "赵志刚",
        "132321196607120014",
        "male",
        "chemical-plant worker since 1988-03; statutory retirement 2026-12, can claim now",
        deemed=(m("1988-03"), m("1995-12")),
        jobs=(Job(m("1996-01"), None, "chemical", "1.2"),),
    ),
    Persona(
        "孙德明",
        "132321194002050018",
        "male",
        "retired 2000-02, died 2026-10-20 (death record received); pension stopped",
        deemed=(m("1958-03"), m("1995-12")),
        jobs=(Job(m("1996-01"), m("2000-01"), "textile", "1.0"),),
        retired=m("2000-02"),
        died=dt.date(2026, 10, 20),
    ),
    # "Woman, employee": an enterprise employee. Born 1968-03 with original age 55, she reached
    # statutory retirement in 2023-03 (before the 2025 rules) and draws her own pension now.
    Persona(
        "孙丽",
        "132321196803180022",
        "female_55",
        "daughter of 孙德明; claims his funeral grant and survivor benefits",
        deemed=(m("1987-08"), m("1995-12")),
        jobs=(Job(m("1996-01"), m("2023-02"), "textile", "0.8"),),
        retired=m("2023-03"),
        parent="132321194002050018",
    ),
)


@dataclass(frozen=True)
class StaffMember:
    username: str
    office: str
    role: str


STAFF: tuple[StaffMember, ...] = (
    StaffMember("admin", "xinji", "admin"),
    StaffMember("clerk", "xinji", "clerk"),
    StaffMember("reviewer", "xinji", "reviewer"),
    StaffMember("supervisor", "xinji", "supervisor"),
    StaffMember("auditor", "xinji", "auditor"),
    StaffMember("reviewer2", "jinzhou", "reviewer"),
    StaffMember("supervisor2", "jinzhou", "supervisor"),
    StaffMember("province", "hebei", "auditor"),  # provincial auditor: sees every Hebei office
)

# The demo's authenticator secret (RFC 6238, base32). Demo only: printed in the banner.
DEMO_TOTP_BASE32 = "JBSWY3DPEHPK3PXP"
