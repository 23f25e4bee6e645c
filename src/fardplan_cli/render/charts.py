"""Charts for the printed reports, drawn by matplotlib as SVG to put inline in a page.

matplotlib is imported here and only here, by the commands that draw (``report status --format
html``); its import costs about a second, which no other command pays (docs/report.md has the
measurements and why matplotlib rather than pygal). The SVG needs no script and no font file:

- ``svg.fonttype: none``: text stays text (readable, searchable, printed by the page's fonts);
- ``svg.hashsalt`` fixed and no date in the metadata: the same plans draw the same bytes;
- ``text.parse_math: false``: a ``$`` in plan text is a dollar sign, not TeX.

Plan text in a chart (a goal area's name) is escaped by matplotlib's SVG writer; a long one is
shortened there (the table beside the chart holds it in full). Every chart is a figure with a
caption and a table that says the same in text.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from fardplan_cli.i18n import STATUSES, status_label, t
from fardplan_cli.model import Indicator

WIDTH_INCHES = 6.3  # the text width of an A4 page with the print stylesheet's margins
_STYLE: dict[Any, Any] = {  # matplotlib's rcParams, by name
    "svg.fonttype": "none",
    "svg.hashsalt": "fardplan",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.size": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#5b6b7a",
    "axes.labelcolor": "#111111",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
}
# Colours told apart also in grey print and by the colour-blind (the Okabe-Ito palette).
STATUS_COLOURS = {"planned": "#b8c4d0", "ongoing": "#0072b2", "done": "#009e73",
                  "paused": "#e69f00", "dropped": "#7f7f7f"}
SERIES_COLOUR = "#0072b2"
TARGET_COLOUR = "#d55e00"
LABEL_CHARACTERS = 48


def _number(value: float, _position: object = None) -> str:
    from fardplan_cli.render.report import format_number

    return format_number(int(value) if float(value).is_integer() else round(value, 2))


def _svg(figure: Any) -> str:
    """The figure as an ``<svg>`` element (no XML prolog, no date, no creator)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                   bbox_inches="tight", pad_inches=0.05)
    text = buffer.getvalue()
    return text[text.index("<svg"):].strip()


def _drawn(draw: Any, height: float) -> str:
    import matplotlib

    matplotlib.use("Agg")  # no window system: the program draws files, never windows
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(WIDTH_INCHES, height))
        draw(figure.add_subplot())
        return _svg(figure)


def short_label(text: str) -> str:
    """A label as a chart shows it: one line of at most ``LABEL_CHARACTERS``, wrapped in two."""
    line = " ".join(text.split())
    if len(line) > LABEL_CHARACTERS:
        line = line[: LABEL_CHARACTERS - 1].rstrip() + "…"
    return "\n".join(textwrap.wrap(line, 26, break_long_words=True)) or " "


def indicator_chart(indicator: Indicator) -> str | None:
    """The indicator's values by year as a line with points, its target as a marked point (and
    a dashed line at its level); None when there is nothing to draw."""
    values = sorted(indicator.values, key=lambda v: v.year)
    target = indicator.target
    if not values and target is None:
        return None

    def draw(axes: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        years = [v.year for v in values]
        numbers = [v.value for v in values]
        if values:
            axes.plot(years, numbers, color=SERIES_COLOUR, marker="o", linewidth=1.8,
                      label=t("Value"))
        if target is not None:
            axes.axhline(target.value, color=TARGET_COLOUR, linewidth=1, linestyle="--")
            axes.plot([target.year], [target.value], color=TARGET_COLOUR, marker="D",
                      linestyle="none", markersize=7,
                      label=t("Target {year}: {value}", year=target.year,
                              value=_number(target.value)))
        every_year = sorted({*years, *([target.year] if target is not None else [])})
        if len(every_year) <= 12:
            axes.set_xticks(every_year)
        else:
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        if len(every_year) == 1:
            axes.set_xlim(every_year[0] - 1, every_year[0] + 1)
        every_value = [*numbers, *([target.value] if target is not None else [])]
        lowest, highest = min(every_value), max(every_value)
        if lowest >= 0:  # a quantity starts at nothing: the bars of a change are not magnified
            axes.set_ylim(bottom=0, top=highest * 1.12 if highest > 0 else 1)
        axes.yaxis.set_major_formatter(FuncFormatter(_number))
        if indicator.unit:
            axes.set_ylabel(short_label(indicator.unit))
        axes.grid(axis="y", color="#dde3e9", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="lower right")

    return _drawn(draw, 2.4)


def status_chart(areas: Sequence[tuple[str, Mapping[str, int]]]) -> str | None:
    """One horizontal bar per goal area (its name), stacked by status; None without initiatives."""
    if not any(sum(counts.values()) for _, counts in areas):
        return None

    def draw(axes: Any) -> None:
        from matplotlib.ticker import MaxNLocator

        names = [short_label(name) for name, _ in areas]
        positions = list(range(len(areas)))
        left = [0] * len(areas)
        for status in STATUSES:
            widths = [counts.get(status, 0) for _, counts in areas]
            if not any(widths):
                continue
            axes.barh(positions, widths, left=left, color=STATUS_COLOURS[status],
                      edgecolor="white", linewidth=0.6, label=status_label(status), height=0.6)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.set_yticks(positions, names)
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel(t("Initiatives"))
        axes.grid(axis="x", color="#dde3e9", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=5)

    return _drawn(draw, 0.55 * len(areas) + 1.3)
