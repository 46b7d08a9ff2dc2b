"""The body map: front and back outlines with the places a survivor watches, drawn as SVG.

Pure Python (no Django): `body_map_svg` returns an SVG string; every text it writes is escaped.
Coordinates are those of the drawing's viewBox (`WIDTH` x `HEIGHT`): the front view on the left
half, the back view on the right half. A watched area stores its pin in these coordinates
(`WatchedArea.pin_x`, `pin_y`); without a pin it sits at its site's `CENTRES` point.

In the front view the patient's left side is on the viewer's right (as when facing someone); in
the back view it is on the viewer's left. Both views say so with small L and R marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH, HEIGHT = 280, 316
FRONT_X, BACK_X = 70, 210  # the middle of each figure

# Outline of one figure, centred on x=0: head, neck, torso, arms, legs.
_OUTLINE = (
    "M-10 46 L-10 56 L-30 60 Q-40 62 -42 72 L-50 128 L-42 130 L-34 84 L-32 150 L-30 158 "
    "L-24 276 L-6 276 L-2 162 L2 162 L6 276 L24 276 L30 158 L32 150 L34 84 L42 130 L50 128 "
    "L42 72 Q40 62 30 60 L10 56 L10 46 Z"
)


@dataclass(frozen=True)
class Region:
    site: str
    kind: str  # an SVG element: "ellipse", "rect" or "path" (a thick line for scars)
    attrs: tuple[tuple[str, float | str], ...]
    centre: tuple[float, float]


def _e(site, cx, cy, rx, ry):
    return Region(site, "ellipse", (("cx", cx), ("cy", cy), ("rx", rx), ("ry", ry)), (cx, cy))


def _r(site, x, y, w, h):
    return Region(
        site, "rect", (("x", x), ("y", y), ("width", w), ("height", h)), (x + w / 2, y + h / 2)
    )


def _scar(site, x1, y1, x2, y2):
    mid = ((x1 + x2) / 2, (y1 + y2) / 2 + 3)
    d = f"M{x1} {y1} Q{mid[0]} {mid[1] + 4} {x2} {y2}"
    return Region(site, "path", (("d", d),), mid)


F, B = FRONT_X, BACK_X
# Drawn in this order: later regions sit on top (a breast over the chest wall, a scar over both).
REGIONS = (
    # front view (patient's right on the viewer's left)
    _e("scalp", F, 16, 14, 8),
    _r("neck", F - 9, 46, 18, 12),
    _r("chest_wall_right", F - 31, 68, 31, 44),
    _r("chest_wall_left", F, 68, 31, 44),
    _e("breast_right", F - 15, 94, 11, 10),
    _e("breast_left", F + 15, 94, 11, 10),
    _e("supraclavicular_right", F - 18, 63, 8, 4),
    _e("supraclavicular_left", F + 18, 63, 8, 4),
    _e("armpit_right", F - 34, 78, 5, 7),
    _e("armpit_left", F + 34, 78, 5, 7),
    _e("upper_arm_right", F - 43, 96, 6, 16),
    _e("upper_arm_left", F + 43, 96, 6, 16),
    _scar("scar_right", F - 28, 104, F - 6, 106),
    _scar("scar_left", F + 6, 106, F + 28, 104),
    _e("abdomen", F, 134, 24, 18),
    _e("thigh_right", F - 14, 196, 10, 28),
    _e("thigh_left", F + 14, 196, 10, 28),
    # back view (patient's left on the viewer's left)
    _e("scalp", B, 20, 15, 12),
    _r("neck", B - 9, 46, 18, 12),
    _r("back", B - 30, 66, 60, 86),
    _e("upper_arm_left", B - 43, 96, 6, 16),
    _e("upper_arm_right", B + 43, 96, 6, 16),
    _e("thigh_left", B - 14, 196, 10, 28),
    _e("thigh_right", B + 14, 196, 10, 28),
)

# Where an area's pin sits when it has none of its own: the first region drawn for its site.
CENTRES: dict[str, tuple[float, float]] = {}
for _region in REGIONS:
    CENTRES.setdefault(_region.site, _region.centre)
CENTRES["other"] = (F, 250)

URGENCY_COLOURS = {"urgent": "#a61e2d", "soon": "#8a5a00", "next_visit": "#3d5866"}
NO_CONCERN_COLOUR = "#1d5c7a"


@dataclass(frozen=True)
class Pin:
    x: float
    y: float
    number: int
    urgency: str = ""  # "" when the area has no open concern


def pin_position(site: str, x: float | None, y: float | None) -> tuple[float, float]:
    """The pin's point: the one stored on the area, else its site's centre."""
    if x is not None and y is not None and 0 <= x <= WIDTH and 0 <= y <= HEIGHT:
        return (float(x), float(y))
    return CENTRES.get(site, CENTRES["other"])


def body_map_svg(
    *,
    title: str,
    description: str = "",
    pins: Iterable[Pin] = (),
    shaded: Iterable[str] = (),
    shaded_label: str = "Shaded: had radiation",
    labels: Mapping[str, str] | None = None,
    front: str = "Front view",
    back: str = "Back view",
    left: str = "L",
    right: str = "R",
    interactive: bool = False,
    element_id: str = "body-map",
) -> str:
    """The body map as an SVG string.

    `pins` are drawn numbered and coloured by urgency (the page lists them in words too);
    `shaded` sites (e.g. where the patient had radiation) are hatched; with `interactive` every
    region carries `data-site` and `data-cx`/`data-cy` for body_map.js, and a hidden pin waits
    for the first tap. `labels` names each site in a <title> (a tooltip on computers).
    """
    shaded = set(shaded)
    labels = labels or {}
    title_id, desc_id = f"{element_id}-title", f"{element_id}-desc"
    described = f"{title_id} {desc_id}" if description else title_id
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="body-map{" is-interactive" if interactive else ""}" id={quoteattr(element_id)} '
        f'role="img" aria-labelledby="{described}" focusable="false">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]
    if description:
        parts.append(f'<desc id="{desc_id}">{escape(description)}</desc>')
    parts.append(
        '<defs><pattern id="rt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="bm-shade-bg" '
        'fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" class="bm-shade-line" stroke="#666" '
        'stroke-width="2.5"/></pattern></defs>'
    )
    for cx, name in ((FRONT_X, front), (BACK_X, back)):
        parts.append(
            f'<path class="bm-outline" d="{_OUTLINE}" transform="translate({cx} 0)"{_LINE}/>'
        )
        parts.append(f'<circle class="bm-outline" cx="{cx}" cy="28" r="18"{_LINE}/>')
        parts.append(_text(cx, 296, name, "bm-caption"))
    # Which side is which: the patient's right is on the viewer's left from the front.
    parts.append(_text(FRONT_X - 56, 60, right, "bm-side"))
    parts.append(_text(FRONT_X + 56, 60, left, "bm-side"))
    parts.append(_text(BACK_X - 56, 60, left, "bm-side"))
    parts.append(_text(BACK_X + 56, 60, right, "bm-side"))
    for region in REGIONS:
        classes = ["bm-region", f"bm-{region.kind}"]
        if region.site in shaded:
            classes.append("bm-shaded")
        attrs = " ".join(f'{k}="{v}"' for k, v in region.attrs)
        data = ""
        if interactive:
            cx, cy = region.centre
            data = f' data-site="{region.site}" data-cx="{cx:g}" data-cy="{cy:g}"'
        label = labels.get(region.site)
        inner = f"<title>{escape(label)}</title>" if label else ""
        paint = _PAINT["shaded" if region.site in shaded else region.kind]
        parts.append(
            f'<{region.kind} class="{" ".join(classes)}" {attrs}{paint}{data}>{inner}'
            f"</{region.kind}>"
        )
    if shaded:
        parts.append(
            f'<rect class="bm-shaded" x="8" y="303" width="10" height="10"{_PAINT["shaded"]}/>'
        )
        parts.append(_text(22, 312, shaded_label, "bm-legend", anchor="start"))
    for pin in pins:
        colour = URGENCY_COLOURS.get(pin.urgency, NO_CONCERN_COLOUR)
        parts.append(
            f'<g class="bm-pin" data-urgency="{escape(pin.urgency)}">'
            f'<circle cx="{pin.x:.1f}" cy="{pin.y:.1f}" r="7" fill="{colour}" stroke="#fff" '
            f'stroke-width="1.5"/>'
            f'<text x="{pin.x:.1f}" y="{pin.y + 3.5:.1f}" text-anchor="middle" font-size="9" '
            f'font-weight="700" fill="#fff">{pin.number}</text></g>'
        )
    if interactive:
        parts.append(
            '<g class="bm-pin bm-new-pin" display="none"><circle r="7" fill="#1d5c7a" '
            'stroke="#fff" stroke-width="2"/><circle r="2" fill="#fff"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


# Plain black-and-white paint as SVG attributes, so the map prints (and renders in the PDF)
# without any style sheet; the page's CSS (body_map.css) overrides them on screen.
_LINE = ' fill="#fff" stroke="#000" stroke-width="1.2"'
_PAINT = {
    "ellipse": ' fill="#eee" stroke="#555" stroke-width="0.8"',
    "rect": ' fill="#eee" stroke="#555" stroke-width="0.8"',
    "path": ' fill="none" stroke="#000" stroke-width="3" stroke-dasharray="4 2"',
    "shaded": ' fill="url(#rt-hatch)" stroke="#555" stroke-width="0.8"',
}


def _text(x, y, text, css_class, anchor="middle"):
    size = 11 if css_class == "bm-caption" else 9
    return (
        f'<text x="{x}" y="{y}" class="{css_class}" text-anchor="{anchor}" fill="#000" '
        f'font-family="sans-serif" font-size="{size}" aria-hidden="true">{escape(str(text))}</text>'
    )
