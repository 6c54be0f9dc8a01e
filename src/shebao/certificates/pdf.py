"""PDF documents: the insurance certificate (参保证明) and the contribution records (缴费记录).

Pure rendering: plain values in, PDF bytes out; no database. The text is Chinese first with
English in brackets, whatever the page language was: the paper goes to banks, employers and
visa offices, and every copy should read the same. Chinese text uses reportlab's built-in
CID font STSong-Light (Adobe's Asian font pack, not embedded), so no system font is needed
on the server; the verification code is set in Helvetica so its characters are unmistakable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.utils import translation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from shebao.pdf_common import (
    FONT,
    GRID,
    MARGIN,
    WIDTH,
    a4_document,
    bilingual,
    common_styles,
    money,
    plain,
)

from .codes import display as display_code
from .qr import QrCode
from .snapshot import INSURANCE_TYPES, Snapshot

if TYPE_CHECKING:
    from shebao.contributions.selectors import History

    from .selectors import Signature

CODE_FONT = "Helvetica-Bold"
SHADE = colors.HexColor("#eeeeee")


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    common = common_styles()
    base = common["base"]
    return {
        **common,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13),
        "title": ParagraphStyle("title", parent=base, fontSize=26, leading=34, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=19, spaceBefore=8),
        "code": ParagraphStyle("code", fontName=CODE_FONT, fontSize=22, leading=28),
    }


def _p(text: str, style: str = "base") -> Paragraph:
    return plain(text, _styles()[style])


def _two(zh: str, en: str, style: str = "base") -> Paragraph:
    return bilingual(zh, en, _styles()[style])


def _both(label) -> tuple[str, str]:
    """A translatable label in Chinese and in English."""
    with translation.override("zh-hans"):
        zh = str(label)
    with translation.override("en"):
        en = str(label)
    return zh, en


def _label(label, style: str = "cell") -> Paragraph:
    zh, en = _both(label)
    return _two(zh, en, style) if zh != en else _p(zh, style)


def _month(value: dt.date | None) -> str:
    return f"{value.year:04d}-{value.month:02d}" if value else "—"


def _date_zh(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _months_en(n: int) -> str:
    return f"{n} month" if n == 1 else f"{n} months"


def _months(n: int) -> str:
    return f"{n} 个月 ({_months_en(n)})"


def _grid(table: Table, *, header: bool = True) -> Table:
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def certificate_pdf(
    *,
    snapshot: Snapshot,
    full_name: str,
    signature: Signature,
    verify_url: str,
    verify_form_url: str,
) -> bytes:
    """The certificate: issuer, title, person, insured periods, date, code, QR, signature.

    ``full_name`` is printed in full (the holder's own document); the ID number stays masked as
    signed. ``verify_url`` (``…/verify/<code>``) goes into the QR code; ``verify_form_url``
    (``…/verify/``) is printed for those who type the code.
    """
    s = _styles()
    issued = snapshot.issued_at
    story: list = [
        _p(snapshot.office_name, "issuer"),
        Spacer(1, 3 * mm),
        _p("参保证明", "title"),
        _p("Certificate of Social Insurance", "subtitle"),
        Spacer(1, 5 * mm),
        _two(
            "兹证明下列人员在本机构的社会保险参保缴费情况如下。",
            "This certifies the social insurance record of the person below, as held by "
            "this office.",
        ),
        Spacer(1, 3 * mm),
    ]
    status_zh, status_en = _both(snapshot.person_status_label)
    person_rows = [
        [
            _two("姓名", "Name", "cell"),
            _p(full_name, "cell"),
            _two("公民身份号码", "ID number", "cell"),
            _p(snapshot.id_number_masked, "cell"),
        ],
        [
            _two("参保状态", "Status", "cell"),
            _two(status_zh, status_en, "cell"),
            _two("数据截至", "Records as of", "cell"),
            _p(_date_zh(issued.date()), "cell"),
        ],
    ]
    label_width = 32 * mm
    story.append(
        _grid(
            Table(
                person_rows,
                colWidths=[label_width, WIDTH / 2 - label_width] * 2,
            ),
            header=False,
        )
    )
    story += [Spacer(1, 3 * mm), _two("参保缴费情况", "Insured periods", "heading")]

    rows = [
        [
            _two("险种", "Insurance type", "cell"),
            _two("参保缴费期间及参保地", "Periods paid and where", "cell"),
            _two("累计缴费月数", "Months paid", "cell"),
            _two("最后缴费年月", "Last month paid", "cell"),
            _two("状态", "Status", "cell"),
        ]
    ]
    for item in snapshot.insurance:
        periods = "<br/>".join(
            escape(f"{_month(p.start)} 至 {_month(p.end)}　{p.region_name}　{p.months} 个月")
            for p in item.periods
        ) or escape("—")
        zh, en = _both(item.status_label)
        status = f"{escape(zh)} <font size=-1.5>({escape(en)})</font>"
        if item.months_due:
            status += (
                f"<br/>欠缴 {item.months_due} 个月 "
                f"<font size=-1.5>({_months_en(item.months_due)} due)</font>"
            )
        rows.append(
            [
                _label(item.type_label),
                Paragraph(periods, s["cell"]),
                _p(str(item.months_paid), "num"),
                _p(_month(item.last_paid), "cell"),
                Paragraph(status, s["cell"]),
            ]
        )
    if len(rows) == 1:
        rows.append([_two("无参保记录", "No insurance on record", "cell"), "", "", "", ""])
    widths = [40 * mm, 58 * mm, 22 * mm, 22 * mm, WIDTH - 142 * mm]
    story += [_grid(Table(rows, colWidths=widths, repeatRows=1)), Spacer(1, 2 * mm)]
    for deemed in snapshot.deemed:
        story.append(
            _two(
                f"视同缴费年限：{_month(deemed.start)} 至 {_month(deemed.end)}，"
                f"共 {deemed.months} 个月",
                f"Deemed contribution period {_month(deemed.start)} to {_month(deemed.end)}, "
                f"{deemed.months} months",
                "small",
            )
        )
    story += [
        Spacer(1, 3 * mm),
        _two(
            f"出具日期：{_date_zh(issued.date())} {issued:%H:%M}",
            f"Issued on {issued:%Y-%m-%d %H:%M}",
        ),
        Spacer(1, 4 * mm),
    ]

    how_to = _two(
        f"核验方法：用手机扫描左侧二维码，或在浏览器打开 {verify_form_url} 输入验证码，"
        "即可查看本证明是否真实有效。",
        f"To check this certificate, scan the QR code or open {verify_form_url} and type the "
        "verification code. The page shows whether it is genuine and still valid.",
        "small",
    )
    code_block = [
        _two("验证码", "Verification code", "cell"),
        Paragraph(escape(display_code(snapshot.code)), s["code"]),
        Spacer(1, 2 * mm),
        how_to,
    ]
    verification = Table(
        [[QrCode(verify_url, 42 * mm), code_block]],
        colWidths=[46 * mm, WIDTH - 46 * mm],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 2 * mm),
            ]
        ),
    )
    story += [
        KeepTogether([verification]),
        Spacer(1, 4 * mm),
        _two(
            f"电子签名：{signature.algorithm}，签名密钥 {signature.key_name}+{signature.key_id}",
            f"Electronic signature of the issuing office: {signature.algorithm}, "
            f"key {signature.key_name}+{signature.key_id}",
            "small",
        ),
        _two(
            f"签名指纹（SHA-256）：{signature.fingerprint}",
            "Signature fingerprint, also shown on the verification page",
            "small",
        ),
        Spacer(1, 2 * mm),
        _two(
            "本证明由签发机构电子签名，真伪及是否有效以核验页面显示为准。",
            "Signed electronically by the issuing office; the verification page shows whether "
            "it is genuine and still valid.",
            "small",
        ),
    ]
    title = "参保证明 Certificate of Social Insurance"
    document, buffer = a4_document(title=title, author=snapshot.office_name, subject=title)
    document.build(story)
    return buffer.getvalue()


def records_pdf(
    *,
    office_name: str,
    full_name: str,
    id_number_masked: str,
    as_of: dt.date,
    histories: Iterable[History],
) -> bytes:
    """Every month on record per insurance type with base, employer and individual amounts and
    status, and per year the totals paid (and due, when any month is due).

    ``histories`` are the values of `shebao.contributions.selectors.contribution_histories`;
    only their months on record are listed (`History.recorded`), gaps are not.
    """
    story: list = [
        _p(office_name, "issuer"),
        _p("缴费记录", "title"),
        _p("Contribution records", "subtitle"),
        Spacer(1, 4 * mm),
        _two(f"姓名：{full_name}　公民身份号码：{id_number_masked}", "Name, ID number"),
        _two(f"数据截至 {_date_zh(as_of)}", f"Records as of {as_of:%Y-%m-%d}"),
        _two(
            "本记录供个人查阅，不作为参保证明使用。",
            "For your own reference; this is not an insurance certificate.",
            "small",
        ),
    ]
    histories = [h.recorded for h in histories]
    if not histories:
        story.append(_two("暂无缴费记录。", "No contribution records yet.", "heading"))
    s = _styles()
    header = [
        Paragraph(f"{zh}<br/><font size=-1.5>({en})</font>", s["cell"])
        for zh, en in (
            ("年月", "Month"),
            ("缴费基数", "Base"),
            ("单位缴纳", "Employer"),
            ("个人缴纳", "Individual"),
            ("状态", "Status"),
        )
    ]
    for item in histories:
        type_zh, type_en = _both(INSURANCE_TYPES.get(item.insurance_type, item.insurance_type))
        story += [Spacer(1, 4 * mm), _two(type_zh, type_en, "heading")]
        # Month rows are plain strings, not Paragraphs: a 40-year history has thousands of
        # cells, and plain cells lay out ten times faster in rows half as tall.
        rows: list[list] = [header]
        totals = []
        for year in item.years:
            for m in year.rows:
                rows.append(
                    [
                        _month(m.month),
                        money(m.base),
                        money(m.employer_amount),
                        money(m.individual_amount),
                        "已缴 (Paid)" if m.paid else "欠缴 (Due)",
                    ]
                )
            totals.append(len(rows))
            rows.append(
                [
                    f"{year.year} 年已缴合计 (paid)",
                    _months(year.paid_months),
                    money(year.employer_paid),
                    money(year.individual_paid),
                    "",
                ]
            )
            if year.due_months:
                totals.append(len(rows))
                rows.append(
                    [
                        f"{year.year} 年欠缴合计 (due)",
                        _months(year.due_months),
                        money(year.employer_due),
                        money(year.individual_due),
                        "",
                    ]
                )
        table = LongTable(
            rows, colWidths=[44 * mm, 30 * mm, 30 * mm, 30 * mm, WIDTH - 134 * mm], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("FONT", (0, 1), (-1, -1), FONT, 10, 13),
                    ("ALIGN", (2, 1), (3, -1), "RIGHT"),
                    ("ALIGN", (1, 1), (1, -1), "RIGHT"),
                    ("TOPPADDING", (0, 1), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
                    *[("BACKGROUND", (0, r), (-1, r), SHADE) for r in totals],
                ]
            )
        )
        story.append(table)
    title = "缴费记录 Contribution records"
    document, buffer = a4_document(title=title, author=office_name, subject=title)

    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"第 {doc.page} 页 (page {doc.page})")
        canvas.restoreState()

    document.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()
