"""Server-rendered SVG charts (pygal). Every chart is shown beside a table with the same data."""

from __future__ import annotations

from decimal import Decimal

from shebao import svg_charts


def bar_chart(labels: list[str], values: list[Decimal], *, value_label: str) -> str:
    """An SVG bar chart with no script and no XML declaration, ready to inline in a page."""
    chart = svg_charts.bar(
        labels,
        x_label_rotation=-45,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(labels) // 12),
    )
    chart.add(value_label, [float(v) for v in values])
    return svg_charts.render(chart)
