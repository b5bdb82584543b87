"""The speaker timeline chart: one column a month, the most frequent outlets coloured."""

from __future__ import annotations

from onrecord.web.charts import HEIGHT, OTHER, PALETTE, timeline_bars


def test_web_charts_stacks_outlets_and_scales_to_the_busiest_month() -> None:
    chart = timeline_bars([("2026-01", "A", 2), ("2026-01", "B", 2), ("2026-02", "A", 1)])
    assert chart.peak == 4 and len(chart.bars) == 3
    january = [b for b in chart.bars if b.label.startswith("2026-01")]
    assert round(sum(b.height for b in january)) == HEIGHT - 20  # the peak fills the plot
    assert [outlet for _, outlet in chart.legend] == ["A", "B"]
    assert "2026-02: 1 in A" in [b.label for b in chart.bars]


def test_web_charts_outlets_beyond_the_palette_share_one_bar_a_month() -> None:
    rows = [(f"2026-0{m}", f"outlet {o:02d}", 1 + o) for m in (1, 2, 3) for o in range(20)]
    chart = timeline_bars(rows)
    assert len(chart.bars) <= 3 * (len(PALETTE) + 1)
    assert chart.legend[-1][1] == OTHER and len(chart.legend) == len(PALETTE) + 1
    assert chart.peak == sum(1 + o for o in range(20))


def test_web_charts_empty_timeline_draws_nothing() -> None:
    assert timeline_bars([]).bars == []
