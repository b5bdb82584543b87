"""A speaker's timeline as bars to draw in SVG: quotes per month, stacked by outlet.

Pure geometry; the template writes the SVG (escaped), so no chart library or CDN.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Bar", "Chart", "timeline_bars"]

WIDTH, HEIGHT = 640, 160
#: one colour per outlet for the most frequent; the rest are one grey "other outlets" bar
OTHER = "other outlets"
PALETTE = ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#c17c74")


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # the tooltip: month, outlet, count


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    months: list[tuple[float, str]]  # (x, YYYY-MM) of the first and last month
    legend: list[tuple[str, str]]  # (colour, outlet)
    peak: int


def timeline_bars(timeline: list[tuple[str, str | None, int]]) -> Chart:
    """Bars for (YYYY-MM, outlet, quotes) rows: one column a month, one colour an outlet."""
    months = sorted({m for m, _, _ in timeline})
    if not months:
        return Chart(WIDTH, HEIGHT, [], [], [], 0)
    totals: dict[str, int] = {}
    for _, outlet, n in timeline:
        totals[outlet or "?"] = totals.get(outlet or "?", 0) + n
    ranked = sorted(totals, key=lambda o: (-totals[o], o))
    if len(ranked) > len(PALETTE):  # the rest share one bar a month: at most 8 rects a month
        named = set(ranked[: len(PALETTE)])
        merged: dict[tuple[str, str | None], int] = {}
        for month, outlet, n in timeline:
            key = (month, outlet if (outlet or "?") in named else OTHER)
            merged[key] = merged.get(key, 0) + n
        timeline = [(m, o, n) for (m, o), n in merged.items()]
        ranked = [*ranked[: len(PALETTE)], OTHER]
    colours = {o: PALETTE[i] if i < len(PALETTE) else "#999999" for i, o in enumerate(ranked)}
    per_month: dict[str, int] = {}
    for month, _, n in timeline:
        per_month[month] = per_month.get(month, 0) + n
    peak = max(per_month.values())
    step = WIDTH / len(months)
    stacked: dict[str, float] = {}
    bars = []
    for month, outlet, n in sorted(timeline, key=lambda r: (r[0], ranked.index(r[1] or "?"))):
        height = (HEIGHT - 20) * n / peak
        base = stacked.get(month, 0.0)
        x = months.index(month) * step
        bars.append(
            Bar(
                round(x + step * 0.1, 1),
                round(HEIGHT - 20 - base - height, 1),
                round(step * 0.8, 1),
                round(height, 1),
                colours[outlet or "?"],
                f"{month}: {n} in {outlet or 'unknown outlet'}",
            )
        )
        stacked[month] = base + height
    ends = [(0.0, months[0])] + ([(WIDTH - step, months[-1])] if len(months) > 1 else [])
    legend = [(colours[o], o) for o in ranked]
    return Chart(WIDTH, HEIGHT, bars, ends, legend, peak)
