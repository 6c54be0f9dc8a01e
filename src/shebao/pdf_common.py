"""What the office's PDF documents share: the A4 page, the Chinese font and bilingual text.

Used by the insurance certificate and contribution records (`certificates/pdf.py`) and the
payment receipt (`payments/pdf.py`). It sits at the top of the project, beside
`bulk_insert.py`, because two domain apps use it and neither may import the other's modules.

Pure rendering, no database. Chinese text uses reportlab's built-in CID font STSong-Light
(Adobe's Asian font pack, not embedded), so no system font is needed on the server. Text is
Chinese first with English in brackets, whatever the page language was.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

FONT = "STSong-Light"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#6b6b6b")


@lru_cache(maxsize=1)
def common_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles every document uses (registers the Chinese font on first use):
    ``base`` body text, ``cell`` and ``num`` (right-aligned) table cells, the centred
    ``issuer`` and ``subtitle``. Each document adds its own title and other styles."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("base", fontName=FONT, fontSize=11, leading=16, wordWrap="CJK")
    return {
        "base": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=14),
        "num": ParagraphStyle("num", parent=base, fontSize=10, leading=14, alignment=TA_RIGHT),
        "issuer": ParagraphStyle(
            "issuer", parent=base, fontSize=14, leading=20, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=12, leading=16, alignment=TA_CENTER
        ),
    }


def plain(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names and labels are data, not markup)."""
    return Paragraph(escape(text), style)


def bilingual(zh: str, en: str, style: ParagraphStyle) -> Paragraph:
    """Chinese first, English a little smaller in brackets."""
    return Paragraph(f"{escape(zh)} <font size=-1.5>({escape(en)})</font>", style)


def money(value: Decimal) -> str:
    """Yuan with thousands separators and two decimals: ``12,345.60``."""
    return f"{value:,.2f}"


def a4_document(
    *, title: str, author: str, subject: str | None = None
) -> tuple[SimpleDocTemplate, io.BytesIO]:
    """An A4 document with the usual margins, writing into the returned buffer.

    ``title``, ``author`` and ``subject`` go into the file's metadata, so they must hold no
    personal data: files get indexed and shared.
    """
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="Shebao",
    )
    return document, buffer
