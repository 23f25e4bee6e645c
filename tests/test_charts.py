"""The charts of the printed status report and the lägesbild (``render.charts``), drawn alone.

The pages that hold them are tested in test_report_html.py; here the charts' own layout: what the
axes show, plan text kept as text, and, in a real browser, every text inside its drawing (the
drawing is sized to what it holds).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fardplan_cli.model import Indicator, IndicatorValue, Position
from fardplan_cli.render.charts import indicator_chart, status_chart

HOSTILE = "procent <script>alert(1)</script> & $x$"
AREAS = [
    ("1 Levande och attraktiva stadskärnor", {"planned": 8, "ongoing": 2, "done": 4,
                                               "dropped": 1}),
    ("2 Regionala målpunkter för samhällsservice", {"planned": 7, "ongoing": 5, "done": 2}),
    ("3 Naturliga lokaliseringsplatser för näringsliv och innovation",
     {"planned": 9, "ongoing": 4, "done": 2, "paused": 1}),
]


def _indicator(unit: str | None, values: dict[int, float],
               target: tuple[int, float] | None = None) -> Indicator:
    return Indicator("boende", "Boende", unit,
                     tuple(IndicatorValue(y, v, None) for y, v in values.items()),
                     Position("plans/x.yaml", 1, 1),
                     target=IndicatorValue(*target, None) if target else None)


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)


def _charts() -> dict[str, str]:
    drawn = {
        "status": status_chart(AREAS),
        "long name": status_chart([("1 " + "Mycket långt namn " * 20, {"done": 3})]),
        "many": status_chart([(f"{n} Område {n}", {"planned": 100 * n, "ongoing": 37})
                              for n in range(1, 9)]),
        "series": indicator_chart(_indicator("personer", {2019: 22100, 2022: 23800,
                                                          2026: 25000}, (2030, 28000))),
        "negative": indicator_chart(_indicator(HOSTILE, {2019: -3.5, 2020: 1.25})),
        "target only": indicator_chart(_indicator(None, {}, (2030, 500))),
        "twenty years": indicator_chart(_indicator("st", {2000 + n: n for n in range(20)})),
    }
    return {name: svg for name, svg in drawn.items() if svg is not None}


def test_the_status_chart_shows_whole_initiatives_every_goal_area_and_the_drawn_statuses() -> None:
    svg = status_chart(AREAS)
    assert svg is not None and svg.startswith("<svg ") and svg.endswith("</svg>")
    texts = _texts(svg)
    assert texts[:9] == ["0", "2", "4", "6", "8", "10", "12", "14", "16"]  # whole numbers
    assert texts[9] == "Insatser" or texts[9] == "Initiatives"
    assert "1 Levande och attraktiva" in texts and "näringsliv…" in texts  # wrapped, shortened
    assert texts[-5:] in (["Planned", "Ongoing", "Done", "Paused", "Dropped"],
                          ["Planerad", "Pågående", "Genomförd", "Pausad", "Utgår"])
    assert status_chart([("1 Tomt", {"planned": 0})]) is None


def test_the_indicator_chart_starts_a_quantity_at_nothing_and_shows_a_negative_one() -> None:
    texts = _texts(indicator_chart(_indicator("personer", {2019: 22100, 2026: 25000},
                                               (2030, 28000))) or "")
    assert texts[:3] == ["2019", "2026", "2030"]
    assert texts[3:10] == ["0", "5 000", "10 000", "15 000", "20 000", "25 000", "30 000"]
    negative = _texts(indicator_chart(_indicator("procent", {2019: -3.5, 2020: 1.25})) or "")
    assert negative[2:7] == ["-3", "-2", "-1", "0", "1"]  # the data's range and a margin
    many = _texts(indicator_chart(_indicator("st", {2000 + n: n for n in range(20)})) or "")
    assert set(many[:5]) <= {str(year) for year in range(2000, 2020)}
    assert indicator_chart(_indicator("st", {})) is None


def test_plan_text_in_a_chart_is_text_escaped_and_no_formula() -> None:
    svg = indicator_chart(_indicator(HOSTILE, {2020: 1}))
    assert svg is not None and "<script" not in svg
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</text>" in svg  # a line of the wrapped unit
    assert ">&amp; $x$</text>" in svg


def test_the_same_data_draw_the_same_bytes() -> None:
    assert _charts() == _charts()


def test_every_text_of_a_chart_lies_inside_its_drawing(tmp_path: Path, browser: Any) -> None:
    from tests.support.browser import open_file

    charts = _charts()
    page_file = tmp_path / "charts.html"
    page_file.write_text("<!doctype html><html lang=sv><body>" + "".join(
        f'<figure id="c{n}">{svg}</figure>' for n, svg in enumerate(charts.values()))
        + "</body></html>", encoding="utf-8")
    page, outside = open_file(browser, page_file)
    try:
        outliers = page.evaluate("""() => {
            const out = [];
            for (const svg of document.querySelectorAll('svg')) {
                const frame = svg.getBoundingClientRect();
                for (const text of svg.querySelectorAll('text')) {
                    const box = text.getBoundingClientRect();
                    if (box.left < frame.left - 1 || box.right > frame.right + 1
                            || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
                        out.push(svg.parentElement.id + ': ' + text.textContent);
                }
            }
            return out;
        }""")
        assert outliers == []
        assert page.locator("svg").count() == len(charts)
        assert outside == []
    finally:
        page.close()


def test_charts_drawn_ahead_by_a_worker_process_are_the_charts_drawn_here(monkeypatch: Any) -> None:
    from fardplan_cli.i18n import current_language, set_language
    from fardplan_cli.render import charts as module
    from fardplan_cli.render.charts import ChartsDrawnAhead

    indicators = [_indicator("personer", {2019: 22100, 2026: 25000}, (2030, 28000)),
                  _indicator(HOSTILE, {2019: -3.5, 2020: 1.25})]
    empty = [("1 Tomt", {"planned": 0})]
    monkeypatch.setattr(module, "CHARTS_FOR_A_WORKER", 1)
    before = current_language()
    try:
        set_language("sv")
        here = ([status_chart(AREAS), status_chart(empty)],
                [indicator_chart(i) for i in indicators])
        with ChartsDrawnAhead() as ahead:
            ahead.draw_ahead("sv", [AREAS, empty, AREAS], indicators)
            assert ahead._executor is not None  # a worker process draws them
            drawn_here = module.status_chart
            module.status_chart = module.indicator_chart = None  # type: ignore[assignment]
            try:  # what was drawn ahead is not drawn again here
                got = ([ahead.status_chart(AREAS), ahead.status_chart(empty)],
                       [ahead.indicator_chart(i) for i in indicators])
            finally:
                module.status_chart, module.indicator_chart = drawn_here, indicator_chart
            assert got == here
            # In another language, or not named ahead: drawn when asked for.
            set_language("en")
            assert ahead.status_chart(AREAS) == status_chart(AREAS) != here[0][0]
            set_language("sv")
            other = _indicator("st", {2000: 1})
            assert ahead.indicator_chart(other) == indicator_chart(other)
    finally:
        set_language(before)


def test_charts_are_drawn_when_asked_for_where_no_worker_process_can_start(
        monkeypatch: Any) -> None:
    import concurrent.futures

    from fardplan_cli.render import charts
    from fardplan_cli.render.charts import ChartsDrawnAhead

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(charts, "CHARTS_FOR_A_WORKER", 1)
    with ChartsDrawnAhead() as ahead:
        ahead.draw_ahead("sv", [AREAS], [])
        assert ahead._executor is None
        assert ahead.status_chart(AREAS) == status_chart(AREAS)
