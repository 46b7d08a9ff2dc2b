"""A small chart of the longest size over time, drawn as SVG on the server (pure, no Django).

The chart prints: black lines and round markers on white, a dashed grid, every label as text (no
colour carries meaning). It is built as a string; every piece of text goes through `escape`, so a
caller's label can never add markup. Zero points draw a box that says so; one point draws one
marker; many points a line through the markers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
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


def size_chart_svg(
    points: Sequence[tuple[date, float | int | None]],
    *,
    title: str = "Longest size in mm",
    empty_text: str = "No size logged in this period",
    unit: str = "mm",
    format_date: Callable[[date], str] = short_date,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """An SVG document (a string) charting `points` of (date, size in mm), oldest first.

    Points without a size are left out; points are sorted by date.
    """
    points = sorted(((d, float(s)) for d, s in points if s is not None), key=lambda p: p[0])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="size-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f"aria-label={quoteattr(title)}>",
        f"<title>{escape(title)}</title>",
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" '
        f'fill="#fff" stroke="#000" stroke-width="1"/>',
    ]
    if not points:
        parts.append(_text(width / 2, height / 2, empty_text, anchor="middle"))
        parts.append("</svg>")
        return "".join(parts)

    left, right = PAD_LEFT, width - PAD_RIGHT
    top, bottom = PAD_TOP, height - PAD_BOTTOM
    top_value = _nice_ceiling(max(size for _, size in points))
    first_day, last_day = points[0][0], points[-1][0]
    span = (last_day - first_day).days

    def x_of(day: date) -> float:
        if span == 0:
            return (left + right) / 2
        return left + (right - left) * (day - first_day).days / span

    def y_of(size: float) -> float:
        return bottom - (bottom - top) * size / top_value

    # Grid and size labels at 0, half and the top.
    for value in (0.0, top_value / 2, top_value):
        y = y_of(value)
        dash = "" if value == 0 else ' stroke-dasharray="3 3"'
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#000" '
            f'stroke-width="{1 if value == 0 else 0.5}"{dash}/>'
        )
        parts.append(_text(left - 4, y + 4, f"{_number(value)} {unit}", anchor="end"))

    coords = [(x_of(day), y_of(size)) for day, size in points]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.5"/>')
    for x, y in coords:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#fff" stroke="#000" '
            f'stroke-width="1.5"/>'
        )
    labelled = range(len(points)) if len(points) <= MAX_VALUE_LABELS else (0, len(points) - 1)
    for i in labelled:
        x, y = coords[i]
        parts.append(_text(x, y - 6, _number(points[i][1]), anchor="middle"))

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
