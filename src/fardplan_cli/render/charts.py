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

The charts are laid out here, on a bare Figure (see "the layout" below): the site draws one
lägesbild per core, and an Axes per chart cost five times as much.
"""

from __future__ import annotations

import io
import math
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
}
# Colours told apart also in grey print and by the colour-blind (the Okabe-Ito palette).
STATUS_COLOURS = {"planned": "#b8c4d0", "ongoing": "#0072b2", "done": "#009e73",
                  "paused": "#e69f00", "dropped": "#7f7f7f"}
SERIES_COLOUR = "#0072b2"
TARGET_COLOUR = "#d55e00"
LABEL_CHARACTERS = 48


def _number(value: float) -> str:
    from fardplan_cli.render.report import format_number

    return format_number(int(value) if float(value).is_integer() else round(value, 2))


# -- the layout -----------------------------------------------------------------------------------
#
# A chart is a matplotlib Figure holding lines, rectangles and texts placed in points (1/72 inch)
# by the code below, with no Axes: an Axes with its Axis and Tick objects, its legend and the tight
# bounding box (a second layout pass) made a chart cost five times what it costs now
# (docs/report.md has the measurements). The measures are matplotlib's defaults for an Axes (the
# plot area a subplot gets, tick sizes and pads, the legend's spacing, 5 % margins), so the charts
# look as they did when an Axes drew them; the tick values come from matplotlib's own locators.

FONT_SIZE = 8.5  # points, as in _STYLE
TICK_SIZE = 3.5
TICK_PAD = 3.5
LABEL_PAD = 4.0
LINE_SPACING = 1.2
MARGIN = 0.05  # of the data's range, on each side where the data does not start at a base
PAD = 0.05 * 72  # around the drawing
PLOT_WIDTH = (0.9 - 0.125) * WIDTH_INCHES * 72  # a subplot's share of the figure's width
PLOT_HEIGHT_SHARE = 0.88 - 0.11  # and of its height
LEGEND_HANDLE = 2.0 * FONT_SIZE  # a legend entry's sample, its gap to the label, between columns
LEGEND_HANDLE_HEIGHT = 0.7 * FONT_SIZE
LEGEND_TEXT_PAD = 0.8 * FONT_SIZE
LEGEND_COLUMN_GAP = 2.0 * FONT_SIZE
LEGEND_ROW_GAP = 0.5 * FONT_SIZE
LEGEND_INSET = (0.4 + 0.5) * FONT_SIZE  # the legend's border pad and its gap to the plot
TICK_COLOUR = "#333333"
LABEL_COLOUR = "#111111"  # an axis' name
GRID = {"color": "#dde3e9", "linewidth": 0.6, "zorder": 0.5}
SPINE = {"color": "#5b6b7a", "linewidth": 0.8, "zorder": 2.5}
TICK = {"color": TICK_COLOUR, "linewidth": 0.8, "solid_capstyle": "butt", "zorder": 2.5}


def _text_size(text: str) -> tuple[float, float]:
    """The width and height in points of ``text`` (one or more lines) in the charts' font."""
    lines = text.split("\n")
    line_height = _line_size("lp")[1]
    height = line_height + (len(lines) - 1) * LINE_SPACING * FONT_SIZE
    return max(_line_size(line)[0] for line in lines), height


_measured: dict[str, tuple[float, float]] = {}


def _line_size(line: str) -> tuple[float, float]:
    """One line's width and height (with its descent) in points; measured once per text, since
    the same names, years and numbers come back in chart after chart."""
    size = _measured.get(line)
    if size is None:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import text_to_path

        width, height, _descent = text_to_path.get_text_width_height_descent(
            line, FontProperties(family=_STYLE["font.family"], size=FONT_SIZE), ismath=False)
        size = _measured[line] = (width, height)
    return size


class _Drawing:
    """Artists placed in points, the plot area's bottom left corner at (0, 0); ``svg`` sizes the
    figure to what was placed (plus ``PAD``), as a tight bounding box would."""

    def __init__(self) -> None:
        self.artists: list[Any] = []
        self.left = self.bottom = self.right = self.top = 0.0

    def extend(self, left: float, bottom: float, right: float, top: float) -> None:
        self.left, self.bottom = min(self.left, left), min(self.bottom, bottom)
        self.right, self.top = max(self.right, right), max(self.top, top)

    def line(self, xs: Sequence[float], ys: Sequence[float], **style: Any) -> None:
        from matplotlib.lines import Line2D

        self.artists.append(Line2D(xs, ys, **style))

    def segments(self, segments: Sequence[tuple[tuple[float, float], tuple[float, float]]],
                 **style: Any) -> None:
        """Straight lines of one style (ticks, grid lines) as one ``<path>``."""
        xs: list[float] = []
        ys: list[float] = []
        for (x0, y0), (x1, y1) in segments:
            xs += [x0, x1, math.nan]  # not a number: the path lifts the pen
            ys += [y0, y1, math.nan]
        if segments:
            self.line(xs, ys, **style)

    def box(self, x: float, y: float, width: float, height: float, **style: Any) -> None:
        from matplotlib.patches import Rectangle

        self.artists.append(Rectangle((x, y), width, height, **style))

    def text(self, x: float, y: float, text: str, *, ha: str, va: str, rotated: bool = False,
             **style: Any) -> None:
        """``text`` with its box's side ``ha`` (left, center, right) and ``va`` (top, center,
        bottom) at (x, y); ``rotated``: read from bottom to top."""
        from matplotlib.text import Text

        width, height = _text_size(text)
        if rotated:
            width, height = height, width
        left = x - {"left": 0, "center": width / 2, "right": width}[ha]
        bottom = y - {"bottom": 0, "center": height / 2, "top": height}[va]
        self.extend(left, bottom, left + width, bottom + height)
        self.artists.append(Text(x, y, text, ha=ha, va=va, rotation=90 if rotated else 0,
                                 zorder=3, **style))

    def svg(self) -> str:
        from matplotlib.figure import Figure
        from matplotlib.transforms import Affine2D

        width = self.right - self.left + 2 * PAD
        height = self.top - self.bottom + 2 * PAD
        figure = Figure(figsize=(width / 72, height / 72))
        points = (Affine2D().translate(PAD - self.left, PAD - self.bottom).scale(1 / 72)
                  + figure.dpi_scale_trans)
        for artist in self.artists:
            artist.set_transform(points)
            figure.add_artist(artist)
        return _svg(figure)


def _svg(figure: Any) -> str:
    """The figure as an ``<svg>`` element (no XML prolog, no date, no creator)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):].strip()


def _drawn(draw: Any) -> str:
    import matplotlib

    matplotlib.use("Agg")  # no window system: the program draws files, never windows
    with matplotlib.rc_context(_STYLE):
        drawing = _Drawing()
        draw(drawing)
        return drawing.svg()


def _ticks(values: Sequence[float], low: float, high: float) -> list[float]:
    """The tick values an axis from ``low`` to ``high`` shows (those inside, as matplotlib)."""
    slack = (high - low) * 1e-10
    return [v for v in values if low - slack <= v <= high + slack]


def _x_axis(drawing: _Drawing, ticks: Sequence[float], labels: Sequence[str],
            scale: Any, label: str | None) -> None:
    """Ticks below the plot with their labels (and the axis' ``label`` under them)."""
    below = -TICK_SIZE - TICK_PAD
    lowest = below
    drawing.segments([((scale(v), 0), (scale(v), -TICK_SIZE)) for v in ticks], **TICK)
    for value, text in zip(ticks, labels, strict=True):
        drawing.text(scale(value), below, text, ha="center", va="top", color=TICK_COLOUR)
        lowest = min(lowest, below - _text_size(text)[1])
    if label:
        drawing.text(PLOT_WIDTH / 2, lowest - LABEL_PAD, label, ha="center", va="top",
                     color=LABEL_COLOUR)


def _y_axis(drawing: _Drawing, ticks: Sequence[float], labels: Sequence[str], scale: Any,
            label: str | None, plot_height: float) -> None:
    """Ticks left of the plot with their labels (and the axis' ``label`` left of them)."""
    beside = -TICK_SIZE - TICK_PAD
    widest = 0.0
    drawing.segments([((0, scale(v)), (-TICK_SIZE, scale(v))) for v in ticks], **TICK)
    for value, text in zip(ticks, labels, strict=True):
        drawing.text(beside, scale(value), text, ha="right", va="center", color=TICK_COLOUR)
        widest = max(widest, _text_size(text)[0])
    if label:
        drawing.text(beside - widest - LABEL_PAD, plot_height / 2, label, ha="right",
                     va="center", rotated=True, color=LABEL_COLOUR)


def _spines(drawing: _Drawing, plot_height: float) -> None:
    """The plot area's left and bottom sides."""
    drawing.extend(0, 0, PLOT_WIDTH, plot_height)
    drawing.segments([((0, 0), (0, plot_height)), ((0, 0), (PLOT_WIDTH, 0))], **SPINE)


def short_label(text: str) -> str:
    """A label as a chart shows it: one line of at most ``LABEL_CHARACTERS``, wrapped in two."""
    line = " ".join(text.split())
    if len(line) > LABEL_CHARACTERS:
        line = line[: LABEL_CHARACTERS - 1].rstrip() + "…"
    return "\n".join(textwrap.wrap(line, 26, break_long_words=True)) or " "


def _with_margins(low: float, high: float) -> tuple[float, float]:
    """The range an axis shows of data from ``low`` to ``high``: ``MARGIN`` more on each side
    (a single value is first widened by 5 % of itself, or to ±0.05 at 0, as matplotlib does)."""
    if low == high:
        low, high = (-0.05, 0.05) if low == 0 else (low - 0.05 * abs(low), high + 0.05 * abs(high))
    return low - MARGIN * (high - low), high + MARGIN * (high - low)


def indicator_chart(indicator: Indicator) -> str | None:
    """The indicator's values by year as a line with points, its target as a marked point (and
    a dashed line at its level); None when there is nothing to draw."""
    values = sorted(indicator.values, key=lambda v: v.year)
    target = indicator.target
    if not values and target is None:
        return None

    def draw(drawing: _Drawing) -> None:
        from matplotlib.ticker import MaxNLocator

        plot_height = PLOT_HEIGHT_SHARE * 2.4 * 72
        years = [v.year for v in values]
        numbers = [v.value for v in values]
        every_year = sorted({*years, *([target.year] if target is not None else [])})
        if len(every_year) == 1:
            first, last = every_year[0] - 1.0, every_year[0] + 1.0
        else:
            first, last = _with_margins(every_year[0], every_year[-1])
        every_value = [*numbers, *([target.value] if target is not None else [])]
        lowest, highest = min(every_value), max(every_value)
        if lowest >= 0:  # a quantity starts at nothing: the bars of a change are not magnified
            low, high = 0.0, highest * 1.12 if highest > 0 else 1.0
        else:
            low, high = _with_margins(lowest, highest)

        def x(year: float) -> float:
            return (year - first) / (last - first) * PLOT_WIDTH

        def y(value: float) -> float:
            return (value - low) / (high - low) * plot_height

        year_ticks = (every_year if len(every_year) <= 12 else
                      _ticks(MaxNLocator(integer=True).tick_values(first, last), first, last))
        tick_space = max(min(int(plot_height // (FONT_SIZE * 2)), 9), 1)  # matplotlib's 'auto'
        value_ticks = _ticks(MaxNLocator(nbins=tick_space, steps=[1, 2, 2.5, 5, 10])
                             .tick_values(low, high), low, high)
        drawing.segments([((0, y(v)), (PLOT_WIDTH, y(v))) for v in value_ticks], **GRID)
        _x_axis(drawing, year_ticks, [str(int(year)) for year in year_ticks], x, None)
        _y_axis(drawing, value_ticks, [_number(value) for value in value_ticks], y,
                short_label(indicator.unit) if indicator.unit else None, plot_height)
        legend: list[tuple[dict[str, Any], str]] = []
        if values:
            series = {"color": SERIES_COLOUR, "marker": "o", "linewidth": 1.8}
            drawing.line([x(year) for year in years], [y(n) for n in numbers], zorder=2,
                         **series)
            legend.append((series, t("Value")))
        if target is not None:
            drawing.line([0, PLOT_WIDTH], [y(target.value)] * 2, color=TARGET_COLOUR,
                         linewidth=1, linestyle="--", zorder=2)
            goal = {"color": TARGET_COLOUR, "marker": "D", "linestyle": "none",
                    "markersize": 7}
            drawing.line([x(target.year)], [y(target.value)], zorder=2, **goal)
            legend.append((goal, t("Target {year}: {value}", year=target.year,
                                   value=_number(target.value))))
        _spines(drawing, plot_height)
        # the legend in the plot's lower right corner, one entry under the other
        widest = max(_text_size(label)[0] for _, label in legend)
        left = PLOT_WIDTH - LEGEND_INSET - widest - LEGEND_TEXT_PAD - LEGEND_HANDLE
        line_height = _text_size("lp")[1]
        for index, (style, label) in enumerate(legend):  # the first on top
            middle = (LEGEND_INSET + (len(legend) - 1 - index) * (line_height + LEGEND_ROW_GAP)
                      + line_height / 2)
            drawing.line([left, left + LEGEND_HANDLE], [middle] * 2, zorder=5,
                         **{**style, "marker": "None"})
            drawing.line([left + LEGEND_HANDLE / 2], [middle], zorder=5,
                         **{**style, "linestyle": "none"})
            drawing.text(left + LEGEND_HANDLE + LEGEND_TEXT_PAD, middle, label, ha="left",
                         va="center")

    return _drawn(draw)


def status_chart(areas: Sequence[tuple[str, Mapping[str, int]]]) -> str | None:
    """One horizontal bar per goal area (its name), stacked by status; None without initiatives."""
    if not any(sum(counts.values()) for _, counts in areas):
        return None

    def draw(drawing: _Drawing) -> None:
        from matplotlib.ticker import MaxNLocator

        plot_height = PLOT_HEIGHT_SHARE * (0.55 * len(areas) + 1.3) * 72
        totals = [sum(counts.get(s, 0) for s in STATUSES) for _, counts in areas]
        drawn = [s for s in STATUSES if any(counts.get(s, 0) for _, counts in areas)]
        starts = {0}  # where a bar starts: the axis ends there if it is the longest's end
        left = [0] * len(areas)
        for status in drawn:
            starts.update(left)
            left = [a + counts.get(status, 0) for a, (_, counts) in zip(left, areas, strict=True)]
        longest = max(totals)
        end: float = longest if longest in starts else longest * (1 + MARGIN)
        top, bottom = _with_margins(-0.3, len(areas) - 0.7)  # the first goal area on top

        def x(count: float) -> float:
            return count / end * PLOT_WIDTH

        def y(position: float) -> float:
            return (bottom - position) / (bottom - top) * plot_height

        ticks = _ticks(MaxNLocator(integer=True).tick_values(0, end), 0, end)
        drawing.segments([((x(v), 0), (x(v), plot_height)) for v in ticks], **GRID)
        left = [0] * len(areas)
        for status in drawn:
            for position, (_, counts) in enumerate(areas):
                width = counts.get(status, 0)
                if width:
                    drawing.box(x(left[position]), y(position + 0.3), x(width) - x(0),
                                y(position - 0.3) - y(position + 0.3),
                                facecolor=STATUS_COLOURS[status], edgecolor="white",
                                linewidth=0.6, zorder=1)
                left[position] += width
        _x_axis(drawing, ticks, [_number(value) for value in ticks], x, t("Initiatives"))
        _y_axis(drawing, range(len(areas)), [short_label(name) for name, _ in areas], y, None,
                plot_height)
        _spines(drawing, plot_height)
        # the legend above the plot, one column per status
        labels = [status_label(status) for status in drawn]
        widths = [LEGEND_HANDLE + LEGEND_TEXT_PAD + _text_size(label)[0] for label in labels]
        left_edge = (PLOT_WIDTH - sum(widths) - LEGEND_COLUMN_GAP * (len(widths) - 1)) / 2
        middle = plot_height + LEGEND_INSET + _text_size("lp")[1] / 2
        for status, label, column in zip(drawn, labels, widths, strict=True):
            drawing.box(left_edge, middle - LEGEND_HANDLE_HEIGHT / 2, LEGEND_HANDLE,
                        LEGEND_HANDLE_HEIGHT, facecolor=STATUS_COLOURS[status],
                        edgecolor="white", linewidth=0.6, zorder=5)
            drawing.text(left_edge + LEGEND_HANDLE + LEGEND_TEXT_PAD, middle, label,
                         ha="left", va="center")
            left_edge += column + LEGEND_COLUMN_GAP

    return _drawn(draw)


# -- drawing ahead, in a worker process ---------------------------------------------------------
#
# A chart costs about 20 ms of matplotlib, and the site draws three per core (901 for 300 cores).
# It draws them in a process of its own while the main one walks the history, on a core that
# would otherwise wait: ``ChartsDrawnAhead``.

StatusAreas = Sequence[tuple[str, Mapping[str, int]]]
_ChartKey = tuple[Any, ...]
CHARTS_PER_TASK = 32
"""The charts the worker draws and sends back at a time."""
CHARTS_FOR_A_WORKER = 50
"""The fewest charts worth a worker: starting one (an interpreter that imports matplotlib) costs
about a second, what drawing some 50 charts costs."""


def _status_key(areas: StatusAreas) -> _ChartKey:
    return ("status", tuple((name, tuple(counts.items())) for name, counts in areas))


def _indicator_key(indicator: Indicator) -> _ChartKey:
    target = indicator.target
    return ("indicator", indicator.unit, tuple((v.year, v.value) for v in indicator.values),
            (target.year, target.value) if target is not None else None)


def _draw_task(language: str,
               charts: Sequence[tuple[str, StatusAreas | Indicator]]) -> list[str | None]:
    """The worker's task: each ``("status", areas)`` or ``("indicator", indicator)`` drawn with
    the labels in ``language``."""
    from fardplan_cli.i18n import set_language

    set_language("en" if language == "en" else "sv")
    return [status_chart(chart) if kind == "status" else indicator_chart(chart)  # type: ignore[arg-type]
            for kind, chart in charts]


class ChartsDrawnAhead:
    """Charts drawn in a worker process while this one does other work: name them with
    ``draw_ahead``, later ask for each with ``status_chart`` and ``indicator_chart``, which give
    what the module's functions of those names give (the same bytes), waiting for the worker if
    it has not drawn it yet. A chart that was not named ahead, or asked for in another language
    than it was drawn in, is drawn when asked; so is every chart when no worker process can be
    started or it fails (then drawing it here says why). ``close`` (or the ``with`` block) stops
    the worker."""

    def __init__(self) -> None:
        from concurrent.futures import Future

        self._drawn: dict[tuple[str, _ChartKey], tuple[Future[list[str | None]], int]] = {}
        self._executor: Any = None
        self._broken = False

    def draw_ahead(self, language: str, status: Sequence[StatusAreas],
                   indicators: Sequence[Indicator]) -> None:
        """Start drawing the status charts of ``status`` and the charts of ``indicators``, with
        their labels in ``language``; each distinct chart once. Fewer than
        ``CHARTS_FOR_A_WORKER`` are left to be drawn when asked for."""
        language = "en" if language == "en" else "sv"  # as the labels' language is named
        charts: dict[_ChartKey, tuple[str, StatusAreas | Indicator]] = {}
        for areas in status:
            charts.setdefault(_status_key(areas), ("status", tuple(
                (name, dict(counts)) for name, counts in areas)))
        for indicator in indicators:
            charts.setdefault(_indicator_key(indicator), ("indicator", indicator))
        waiting = [(key, chart) for key, chart in charts.items()
                   if (language, key) not in self._drawn]
        if len(waiting) < CHARTS_FOR_A_WORKER or not self._start():
            return
        for first in range(0, len(waiting), CHARTS_PER_TASK):
            task = waiting[first:first + CHARTS_PER_TASK]
            try:
                future = self._executor.submit(_draw_task, language, [c for _, c in task])
            except Exception:  # the worker is gone: the charts are drawn when asked for
                self._broken = True
                return
            for index, (key, _) in enumerate(task):
                self._drawn[(language, key)] = (future, index)

    def status_chart(self, areas: StatusAreas) -> str | None:
        found = self._found(_status_key(areas))
        return status_chart(areas) if found is None else found[0]

    def indicator_chart(self, indicator: Indicator) -> str | None:
        found = self._found(_indicator_key(indicator))
        return indicator_chart(indicator) if found is None else found[0]

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._drawn.clear()

    def __enter__(self) -> ChartsDrawnAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> bool:
        """Whether a worker runs (started now if need be)."""
        if self._executor is None and not self._broken:
            from fardplan_cli.worker_process import one_worker

            self._executor = one_worker()
            # no process here (a sandbox): the charts are drawn when asked for
            self._broken = self._executor is None
        return self._executor is not None

    def _found(self, key: _ChartKey) -> tuple[str | None] | None:
        """The drawing of ``key`` in the current language, in a 1-tuple; None if not drawn."""
        from fardplan_cli.i18n import current_language

        ahead = self._drawn.get((current_language(), key))
        if ahead is None:
            return None
        future, index = ahead
        try:
            return (future.result()[index],)
        except Exception:  # the worker failed: drawing the chart here says why, if it is the chart
            return None
