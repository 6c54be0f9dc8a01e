"""What every server-rendered SVG chart shares (pygal): the house style, the bar chart set-up
and rendering without any script — pygal writes its configuration into an inline <script>
even with js=[]; nothing reads it without pygal's own scripts and the pages' Content-Security-
Policy forbids inline script, so it is dropped. Its one inline ``style`` attribute (the hidden
tooltip, which only pygal's script shows) is dropped too; the chart's ``<style>`` element is
allowed by the policy's nonce, set in the template (``{{ chart|csp_nonce:request }}``). Used
by `portal/charts.py` and `backoffice/charts.py`; every chart is shown beside a table of the
same data."""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="[^"]*"')

# Dark blue, orange, green: distinguishable in greyscale and for red-green colour blindness.
COLOURS = ("#0b4f8a", "#b35900", "#2e7d32")


def style() -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#4a4a4a",
        colors=COLOURS,
        font_family='system-ui, "Noto Sans CJK SC", sans-serif',
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=14,
        value_font_size=12,
        title_font_size=16,
    )


def bar(labels: list[str], *, legend: bool = False, height: int = 320, **options) -> pygal.Bar:
    chart = pygal.Bar(
        style=style(),
        show_legend=legend,
        legend_at_bottom=True,
        js=[],
        disable_xml_declaration=True,
        width=800,
        height=height,
        explicit_size=False,
        truncate_label=-1,
        print_values=False,
        **options,
    )
    chart.x_labels = labels
    return chart


def render(chart: pygal.Bar) -> str:
    """The SVG, ready to inline in a page: no XML declaration, no script, no style attribute."""
    return _STYLE_ATTRIBUTE.sub("", _SCRIPT.sub("", chart.render(is_unicode=True)))
