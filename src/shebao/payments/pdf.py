"""The receipt (缴费凭证) as a PDF: plain values in, bytes out, no database.

Chinese first with English in brackets, on the page, font and text helpers the certificate
uses too (`shebao/pdf_common.py`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from django.utils import translation
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from shebao.pdf_common import GRID, WIDTH, a4_document, bilingual, common_styles, money, plain


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    common = common_styles()
    return {
        **common,
        "title": ParagraphStyle(
            "title", parent=common["base"], fontSize=24, leading=32, alignment=TA_CENTER
        ),
    }


def _p(text: str, style: str = "base") -> Paragraph:
    return plain(text, _styles()[style])


def _two(zh: str, en: str, style: str = "cell") -> Paragraph:
    return bilingual(zh, en, _styles()[style])


def _zh(label) -> str:
    with translation.override("zh-hans"):
        return str(label)


def receipt_pdf(
    *,
    number: str,
    issued_at: dt.datetime,
    office_name: str,
    full_name: str,
    id_number_masked: str,
    order_ref: str,
    method_label,
    lines: list[tuple[dt.date, object, Decimal, Decimal]],
    total: Decimal,
) -> bytes:
    """The receipt: issuer, title, number, payer, each month paid, total, payment details."""
    document, buffer = a4_document(
        title="缴费凭证 Contribution receipt",  # no personal data in the metadata
        author=office_name,
    )
    local = issued_at.astimezone(dt.timezone(dt.timedelta(hours=8)))
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    facts = Table(
        [
            [_two("票据号码", "Receipt number"), _p(number, "cell")],
            [_two("缴费人", "Payer"), _p(full_name, "cell")],
            [_two("公民身份号码", "ID number"), _p(id_number_masked, "cell")],
            [_two("订单号", "Order"), _p(order_ref, "cell")],
            [_two("支付方式", "Paid by"), _p(_zh(method_label), "cell")],
            [
                _two("开具时间", "Issued"),
                _p(f"{local:%Y-%m-%d %H:%M} (UTC+8)", "cell"),
            ],
        ],
        colWidths=[40 * mm, WIDTH - 40 * mm],
    )
    facts.setStyle(grid)
    rows = [
        [
            _two("所属期", "Month"),
            _two("险种", "Insurance"),
            _two("缴费基数（元）", "Base, yuan"),
            _two("金额（元）", "Amount, yuan"),
        ]
    ]
    for month, kind, base, amount in lines:
        rows.append(
            [
                _p(f"{month:%Y-%m}", "cell"),
                _p(_zh(kind), "cell"),
                _p(money(base), "num"),
                _p(money(amount), "num"),
            ]
        )
    rows.append([_two("合计", "Total"), _p("", "cell"), _p("", "cell"), _p(money(total), "num")])
    table = Table(rows, colWidths=[30 * mm, WIDTH - 110 * mm, 40 * mm, 40 * mm])
    table.setStyle(grid)
    story = [
        _p(office_name, "issuer"),
        Spacer(1, 3 * mm),
        _p("社会保险费缴费凭证", "title"),
        _p("Social insurance contribution receipt", "subtitle"),
        Spacer(1, 6 * mm),
        facts,
        Spacer(1, 5 * mm),
        table,
        Spacer(1, 5 * mm),
        _two(
            "本凭证由社会保险经办机构电子开具，缴费记录已同步更新。",
            "Issued electronically by the social insurance office; the contribution records "
            "are updated.",
            "base",
        ),
    ]
    document.build(story)
    return buffer.getvalue()
