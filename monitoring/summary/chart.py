"""Small charts over time (size; pain and itch), drawn as SVG on the server (pure, no Django).

Used by the visit summary (monitoring) and the area page (through the `summary_tags` template
tags): one drawing code for both.

The chart prints: black lines and round markers on white, a dashed grid, every label as text (no
colour carries meaning). It is built as a string; every piece of text goes through `escape`, so a
caller's label can never add markup. Zero points draw a box that says so; one point draws one
marker; many points a line through the markers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

WIDTH = 360
HEIGHT = 160
# Room for the axis labels: left (sizes), bottom (dates), top and right (value labels).
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 16, 16, 30
# With more points than this the value labels would overlap: only the first and last are named.
MAX_VALUE_LABELS = 8


def short_date(day: date) -> str:
    """ "2 Mar" (English); the view passes the active language's format."""
    return f"{day.day} {day.strftime('%b')}"


@dataclass(frozen=True)
class Series:
    """One line of a chart: (date, value) points, its marker ("circle" or "square"), its dash."""

    name: str
    points: tuple[tuple[date, float], ...]
    marker: str = "circle"
    dashed: bool = False
    # Dates whose marker is drawn filled (e.g. sizes measured on a photo, not typed).
    filled: frozenset[date] = frozenset()


def size_chart_svg(
    points: Sequence[tuple],
    *,
    title: str = "Longest size in mm",
    empty_text: str = "No size logged in this period",
    unit: str = "mm",
    format_date: Callable[[date], str] = short_date,
    width: int = WIDTH,
    height: int = HEIGHT,
    measured_text: str = "filled: measured on a photo",
) -> str:
    """An SVG document (a string) charting `points` of (date, size in mm), oldest first.

    A point may carry a third item, True when the size was measured on a photo: its marker is
    filled and a key says so. Points without a size are left out; points are sorted by date.
    """
    kept = [p for p in points if p[1] is not None]
    filled = frozenset(p[0] for p in kept if len(p) > 2 and p[2])
    series = Series("", tuple((p[0], float(p[1])) for p in kept), filled=filled)
    return chart_svg(
        [series],
        title=title,
        empty_text=empty_text,
        unit=unit,
        format_date=format_date,
        width=width,
        height=height,
        key=[measured_text] if filled else [],
    )


def scores_chart_svg(
    points: Sequence[tuple[date, int, int]],
    *,
    title: str = "Pain and itch, 0 to 10",
    pain: str = "pain",
    itch: str = "itch",
    empty_text: str = "No checks in this period",
    format_date: Callable[[date], str] = short_date,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """Pain (circles, solid line) and itch (squares, dashed line) on one 0-10 scale."""
    series = [
        Series(pain, tuple((d, float(p)) for d, p, _i in points)),
        Series(itch, tuple((d, float(i)) for d, _p, i in points), marker="square", dashed=True),
    ]
    return chart_svg(
        series,
        title=title,
        empty_text=empty_text,
        unit="",
        format_date=format_date,
        width=width,
        height=height,
        top_value=10.0,
        key=[f"\u25cf {pain}", f"\u25a0 {itch}"],
        value_labels=False,
    )


def chart_svg(
    series: Sequence[Series],
    *,
    title: str,
    empty_text: str,
    unit: str,
    format_date: Callable[[date], str],
    width: int = WIDTH,
    height: int = HEIGHT,
    top_value: float | None = None,
    key: Sequence[str] = (),
    value_labels: bool = True,
) -> str:
    """The chart every caller above draws: one or more series over dates, in black on white."""
    series = [
        Series(s.name, tuple(sorted(s.points, key=lambda p: p[0])), s.marker, s.dashed, s.filled)
        for s in series
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="size-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f"aria-label={quoteattr(title)}>",
        f"<title>{escape(title)}</title>",
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" '
        f'fill="#fff" stroke="#000" stroke-width="1"/>',
    ]
    every = [p for s in series for p in s.points]
    if not every:
        parts.append(_text(width / 2, height / 2, empty_text, anchor="middle"))
        parts.append("</svg>")
        return "".join(parts)

    left, right = PAD_LEFT, width - PAD_RIGHT
    top, bottom = PAD_TOP + (12 if key else 0), height - PAD_BOTTOM
    top_value = top_value or _nice_ceiling(max(value for _, value in every))
    first_day = min(day for day, _ in every)
    last_day = max(day for day, _ in every)
    span = (last_day - first_day).days

    def x_of(day: date) -> float:
        if span == 0:
            return (left + right) / 2
        return left + (right - left) * (day - first_day).days / span

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / top_value

    # Grid and value labels at 0, half and the top.
    for value in (0.0, top_value / 2, top_value):
        y = y_of(value)
        dash = "" if value == 0 else ' stroke-dasharray="3 3"'
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#000" '
            f'stroke-width="{1 if value == 0 else 0.5}"{dash}/>'
        )
        label = f"{_number(value)} {unit}".strip()
        parts.append(_text(left - 4, y + 4, label, anchor="end"))

    for line in series:
        coords = [(x_of(day), y_of(value)) for day, value in line.points]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            dash = ' stroke-dasharray="5 3"' if line.dashed else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.5"{dash}/>'
            )
        for (day, _value), (x, y) in zip(line.points, coords, strict=True):
            fill = "#000" if day in line.filled else "#fff"
            if line.marker == "square":
                parts.append(
                    f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{fill}" '
                    f'stroke="#000" stroke-width="1.5"/>'
                )
            else:
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{fill}" stroke="#000" '
                    f'stroke-width="1.5"/>'
                )
        if value_labels:
            n = len(line.points)
            labelled = range(n) if n <= MAX_VALUE_LABELS else (0, n - 1)
            for i in labelled:
                x, y = coords[i]
                parts.append(_text(x, y - 6, _number(line.points[i][1]), anchor="middle"))

    for i, text in enumerate(key):
        parts.append(_text(left + i * 90, PAD_TOP + 2, text, anchor="start"))

    # Dates: the first and the last (one date when they are the same day).
    first_anchor = "start" if span else "middle"
    parts.append(_text(x_of(first_day), height - 10, format_date(first_day), anchor=first_anchor))
    if span:
        parts.append(_text(x_of(last_day), height - 10, format_date(last_day), anchor="end"))
    parts.append("</svg>")
    return "".join(parts)


def _text(x: float, y: float, text: str, *, anchor: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" font-family="sans-serif" fill="#000" '
        f'text-anchor="{anchor}">{escape(str(text))}</text>'
    )


def _nice_ceiling(value: float) -> float:
    """A round number at or above `value` (and above 0) for the top of the size axis."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover (the loop always returns)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
