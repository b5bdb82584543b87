"""A speaker's timeline as shapes to draw in SVG: quotes per month, stacked by outlet, on a
true time axis.

Every month from the first quote to the last has its place, empty or not: drawn only
where there were quotes, evenly spaced, 2010-08 sat next to 2016-09 and the gap vanished.
Both axes are labelled (months along the bottom, at a step that keeps the labels apart;
quotes up the side, at round numbers), each month's total is written over its bar while
the bars are wide enough to read it, and ``rows`` is the same data as a table for screen
readers and for anyone who wants the numbers. Pure geometry; the template writes the SVG
(escaped), so no chart library or CDN.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Bar", "Chart", "MonthRow", "Tick", "months_between", "timeline_bars"]

WIDTH, HEIGHT = 640, 220
#: the plot's margins: room for the quote labels at the left, the month labels below
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 30, 36
#: one colour per outlet for the most frequent; the rest are one grey "other outlets" bar
OTHER = "other outlets"
PALETTE = ("#1b6ca8", "#d1495b", "#9c6b00", "#00798c", "#3d7a4f", "#8d6a9f", "#a0522d")
GREY = "#767676"
#: month labels at least this far apart (SVG units; a label "2026-03" is ~45 wide)
LABEL_GAP = 56
#: a month's total is written over its bar when a month is at least this wide
NUMBER_WIDTH = 22


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # the tooltip: month, outlet, count


@dataclass(frozen=True, slots=True)
class Tick:
    at: float  # x for a month, y for a number of quotes
    label: str


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One month with quotes, for the table beside the chart."""

    month: str
    quotes: int
    by_outlet: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    months: int  # months on the axis, the empty ones included
    first: str  # YYYY-MM
    last: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    totals: list[tuple[float, float, int]]  # (x, y, quotes) written over a month's bar
    legend: list[tuple[str, str]]  # (colour, outlet)
    peak: int  # the most quotes in one month
    rows: list[MonthRow]
    left: int = LEFT
    top: int = TOP
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM

    @property
    def empty_months(self) -> int:
        return self.months - len(self.rows)


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), both included."""
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def timeline_bars(timeline: list[tuple[str, str | None, int]]) -> Chart:
    """The chart of (YYYY-MM, outlet, quotes) rows: one place a month from the first to the
    last, one colour an outlet (the most frequent; the rest grey)."""
    if not timeline:
        return Chart(WIDTH, HEIGHT, [], 0, "", "", [], [], [], [], 0, [])
    totals: dict[str, int] = {}
    for _, outlet, n in timeline:
        totals[outlet or "?"] = totals.get(outlet or "?", 0) + n
    ranked = sorted(totals, key=lambda o: (o == OTHER, -totals[o], o))
    if len(ranked) > len(PALETTE):  # the rest share one bar a month: at most 8 rects a month
        named = set(ranked[: len(PALETTE)])
        merged: dict[tuple[str, str | None], int] = {}
        for month, outlet, n in timeline:
            key = (month, outlet if (outlet or "?") in named else OTHER)
            merged[key] = merged.get(key, 0) + n
        timeline = [(m, o, n) for (m, o), n in merged.items()]
        ranked = [*ranked[: len(PALETTE)], OTHER]
    colours = {o: GREY if o == OTHER else PALETTE[i % len(PALETTE)] for i, o in enumerate(ranked)}
    per_month: dict[str, int] = {}
    for month, _, n in timeline:
        per_month[month] = per_month.get(month, 0) + n
    months = months_between(min(per_month), max(per_month))
    place = {m: i for i, m in enumerate(months)}
    peak = max(per_month.values())
    step_y, top_y = _scale(peak)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(months)
    bottom = HEIGHT - BOTTOM
    stacked: dict[str, float] = {}
    bars = []
    for month, outlet, n in sorted(timeline, key=lambda r: (r[0], ranked.index(r[1] or "?"))):
        height = plot_h * n / top_y
        base = stacked.get(month, 0.0)
        x = LEFT + place[month] * step
        gap = min(step * 0.15, 2.0)
        bars.append(
            Bar(
                round(x + gap / 2, 1),
                round(bottom - base - height, 1),
                round(max(step - gap, 0.6), 1),
                round(height, 1),
                colours[outlet or "?"],
                f"{month}: {n:,} in {outlet or 'unknown outlet'}",
            )
        )
        stacked[month] = base + height
    every = _label_every(step)  # months: 1, 3, 6 or 12 (then the label is the year)
    x_ticks = [
        Tick(round(LEFT + i * step + step / 2, 1), m[:4] if every == 12 else m)
        for i, m in enumerate(months)
        if (int(m[5:]) - 1) % every == 0
    ] or [Tick(round(LEFT + step / 2, 1), months[0])]  # a span with no labelled month
    y_ticks = [Tick(round(bottom - plot_h * v / top_y, 1), f"{v:,}")
               for v in range(0, top_y + 1, step_y)]  # fmt: skip
    written = []  # a month's total over its bar, while there is room to write it
    if step >= NUMBER_WIDTH:
        for m, n in per_month.items():
            x = round(LEFT + place[m] * step + step / 2, 1)
            written.append((x, round(bottom - stacked[m] - 3, 1), n))
    by_month: dict[str, list[tuple[str, int]]] = {}
    for month, outlet, n in sorted(timeline, key=lambda r: (r[0], -r[2], r[1] or "")):
        by_month.setdefault(month, []).append((outlet or "unknown outlet", n))
    rows = [MonthRow(m, per_month[m], by_month[m]) for m in sorted(per_month)]
    legend = [(colours[o], "unknown outlet" if o == "?" else o) for o in ranked]
    return Chart(WIDTH, HEIGHT, bars, len(months), months[0], months[-1], x_ticks, y_ticks,
                 written, legend, peak, rows)  # fmt: skip


def _scale(peak: int) -> tuple[int, int]:
    """A round step for the quote axis (1, 2 or 5 times a power of ten; at most 5 steps)
    and the axis's top, the first step at or above ``peak``."""
    for power in range(0, 12):
        for base in (1, 2, 5):
            step = base * 10**power
            if peak <= step * 5:
                return step, step * math.ceil(max(peak, 1) / step)
    return peak, peak  # more than 5e11 quotes a month: never


def _label_every(step: float) -> int:
    """Label every 1, 3, 6 or 12 months, the fewest that keep labels LABEL_GAP apart."""
    for every in (1, 3, 6, 12):
        if step * every >= LABEL_GAP:
            return every
    return 12
