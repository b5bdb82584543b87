"""The speaker timeline chart: a true time axis (every month from the first to the last,
empty ones too), labelled axes, totals written on the bars, and the numbers as a table."""

from __future__ import annotations

import itertools

from onrecord.web.charts import (
    HEIGHT,
    OTHER,
    PALETTE,
    TOP,
    months_between,
    timeline_bars,
)


def test_web_charts_stacks_outlets_and_scales_to_a_round_top() -> None:
    chart = timeline_bars([("2026-01", "A", 2), ("2026-01", "B", 2), ("2026-02", "A", 1)])
    assert chart.peak == 4 and len(chart.bars) == 3
    assert [t.label for t in chart.y_ticks] == ["0", "1", "2", "3", "4"]
    january = [b for b in chart.bars if b.label.startswith("2026-01")]
    assert round(sum(b.height for b in january)) == chart.bottom - TOP  # the top tick
    assert [outlet for _, outlet in chart.legend] == ["A", "B"]
    assert "2026-02: 1 in A" in [b.label for b in chart.bars]
    assert [(r.month, r.quotes, r.by_outlet) for r in chart.rows] == [
        ("2026-01", 4, [("A", 2), ("B", 2)]),
        ("2026-02", 1, [("A", 1)]),
    ]
    assert sorted(n for _, _, n in chart.totals) == [1, 4]  # written over the bars


def test_web_charts_a_gap_of_years_keeps_its_width() -> None:
    """2010-08 and 2016-09 are 73 months apart, not neighbours."""
    chart = timeline_bars([("2010-08", "A", 3), ("2016-09", "A", 1)])
    assert chart.months == 74 and chart.empty_months == 72
    first, last = sorted(chart.bars, key=lambda b: b.x)
    slot = (chart.right - chart.left) / 74
    assert round((last.x - first.x) / slot) == 73
    assert [t.label for t in chart.x_ticks] == [str(y) for y in range(2011, 2017)]
    assert chart.totals == []  # months too narrow to write on: the table has the numbers


def test_web_charts_labels_months_at_a_readable_step() -> None:
    chart = timeline_bars([("2025-11", "A", 1), ("2026-04", "A", 12)])
    assert [t.label for t in chart.x_ticks] == [
        "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
    ]  # fmt: skip
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10", "15"]
    ticks = [t.at for t in chart.x_ticks]
    assert min(b - a for a, b in itertools.pairwise(ticks)) >= 56
    assert timeline_bars([("2024-01", "A", 1), ("2025-12", "A", 1)]).x_ticks[1].label == "2024-04"


def test_web_charts_outlets_beyond_the_palette_share_one_grey_bar_a_month() -> None:
    rows = [(f"2026-0{m}", f"outlet {o:02d}", 1 + o) for m in (1, 2, 3) for o in range(20)]
    chart = timeline_bars(rows)
    assert len(chart.bars) <= 3 * (len(PALETTE) + 1)
    assert chart.legend[-1][1] == OTHER and len(chart.legend) == len(PALETTE) + 1
    assert chart.peak == sum(1 + o for o in range(20))


def test_web_charts_months_between_crosses_years() -> None:
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_web_charts_empty_timeline_draws_nothing() -> None:
    chart = timeline_bars([])
    assert chart.bars == [] and chart.rows == [] and chart.height == HEIGHT
