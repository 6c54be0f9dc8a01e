"""Server-rendered SVG charts (pygal). Every chart is shown beside a table with the same data."""

from __future__ import annotations

from decimal import Decimal

import pygal
from pygal.style import Style

_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#4a4a4a",
    colors=("#0b4f8a",),
    font_family='system-ui, "Noto Sans CJK SC", sans-serif',
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=12,
    title_font_size=16,
)


def bar_chart(labels: list[str], values: list[Decimal], *, value_label: str) -> str:
    """An SVG bar chart with no script and no XML declaration, ready to inline in a page."""
    chart = pygal.Bar(
        style=_STYLE,
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        width=800,
        height=320,
        explicit_size=False,
        x_label_rotation=-45,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(labels) // 12),
        truncate_label=-1,
        print_values=False,
    )
    chart.x_labels = labels
    chart.add(value_label, [float(v) for v in values])
    return chart.render(is_unicode=True)
