"""The contribution records as CSV for spreadsheets (pure rendering: rows in, bytes out).

UTF-8 with a byte-order mark, because Excel on Chinese Windows reads a CSV without one as
GBK and shows the Chinese as mojibake. Amounts are plain numbers (no thousands separators)
so they add up in a spreadsheet. Labels are Chinese first with English in brackets, as on the
PDF. Yearly total rows name themselves in the month column, so filtering on the month keeps
or drops them as a block.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import translation

from .snapshot import INSURANCE_TYPES

if TYPE_CHECKING:
    from shebao.contributions.selectors import History

HEADER = [
    "险种 (Insurance type)",
    "年月 (Month)",
    "缴费基数 (Base)",
    "单位缴纳 (Employer)",
    "个人缴纳 (Individual)",
    "状态 (Status)",
]
PAID = "已缴 (Paid)"
DUE = "欠缴 (Due)"


def _months(n: int) -> str:
    return f"{n} 个月 ({n} month{'' if n == 1 else 's'})"


def _type_label(insurance_type: str) -> str:
    label = INSURANCE_TYPES.get(insurance_type, insurance_type)
    with translation.override("zh-hans"):
        zh = str(label)
    with translation.override("en"):
        en = str(label)
    return f"{zh} ({en})" if zh != en else zh


def records_csv(histories: Iterable[History]) -> bytes:
    """One row per month on record per insurance type, then the year's paid total (and due
    total).

    ``histories`` are the values of `shebao.contributions.selectors.contribution_histories`;
    only their months on record are listed (`History.recorded`), gaps are not.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for history in histories:
        label = _type_label(history.insurance_type)
        for year in history.recorded.years:
            for m in year.rows:
                writer.writerow(
                    [
                        label,
                        f"{m.month.year:04d}-{m.month.month:02d}",
                        f"{m.base:.2f}",
                        f"{m.employer_amount:.2f}",
                        f"{m.individual_amount:.2f}",
                        PAID if m.paid else DUE,
                    ]
                )
            writer.writerow(
                [
                    label,
                    f"{year.year} 已缴合计 (paid total)",
                    "",
                    f"{year.employer_paid:.2f}",
                    f"{year.individual_paid:.2f}",
                    _months(year.paid_months),
                ]
            )
            if year.due_months:
                writer.writerow(
                    [
                        label,
                        f"{year.year} 欠缴合计 (due total)",
                        "",
                        f"{year.employer_due:.2f}",
                        f"{year.individual_due:.2f}",
                        _months(year.due_months),
                    ]
                )
    return out.getvalue().encode("utf-8-sig")
