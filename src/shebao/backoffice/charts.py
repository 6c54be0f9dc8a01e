"""Server-rendered SVG charts of the back office (pygal), in the house style of
`portal/charts.py`: no script, no XML declaration, inlined in the page and always shown beside
a table with the same figures."""

from __future__ import annotations

from decimal import Decimal

import pygal

from shebao import svg_charts

COLOURS = svg_charts.COLOURS


def _chart(labels: list[str], *, legend: bool, **options) -> pygal.Bar:
    return svg_charts.bar(
        labels,
        legend=legend,
        height=340,
        x_label_rotation=-30 if len(labels) > 4 else 0,
        **options,
    )


def _numbers(values: list[Decimal | int | None]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def bar_chart(labels: list[str], values: list[Decimal | int], *, value_label: str) -> str:
    """One series of bars (e.g. cases handled per office)."""
    chart = _chart(labels, legend=False)
    chart.add(value_label, _numbers(values))
    return _render(chart)


def percent_chart(labels: list[str], series: list[tuple[str, list[Decimal | None]]]) -> str:
    """Up to three series of percentages side by side per label, on a 0–100 scale."""
    chart = _chart(labels, legend=True, range=(0, 100))
    for name, values in series[: len(COLOURS)]:
        chart.add(name, _numbers(values))
    return _render(chart)


def _render(chart: pygal.Bar) -> str:
    return svg_charts.render(chart)
