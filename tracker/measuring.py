"""Measuring a spot on a photo against something of known length in the same photo. Pure Python.

The patient (or a clinician) marks the two ends of a reference (10 mm on a ruler, or a coin's
diameter) and the two ends of the spot's longest length. Both lie in the same photo, at about the
same distance from the camera, so the spot's length is its length in pixels times the reference's
millimetres per pixel. Points are in pixels of the stored full-size photo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Mark a string for translation without importing Django."""
    return message


_ = gettext_noop

# code: (label, length in mm). Coin diameters as published by the issuing mints.
REFERENCES: dict[str, tuple[str, float]] = {
    "ruler_10mm": (_("10 mm (1 cm) on a ruler"), 10.0),
    "ruler_20mm": (_("20 mm (2 cm) on a ruler"), 20.0),
    "euro_1": (_("1 euro coin (23.25 mm)"), 23.25),
    "euro_2": (_("2 euro coin (25.75 mm)"), 25.75),
    "gbp_1": (_("£1 coin (23.43 mm)"), 23.43),
    "gbp_1p": (_("1p coin (20.3 mm)"), 20.3),
    "usd_25c": (_("US quarter (24.26 mm)"), 24.26),
    "usd_1c": (_("US penny (19.05 mm)"), 19.05),
    "cad_1": (_("Canadian dollar, loonie (26.5 mm)"), 26.5),
}
# Shorter than this on the photo, a few pixels of error change the result too much.
MIN_REFERENCE_PX = 20.0
# Results are kept to a tenth of a millimetre; nobody can mark a photo more finely than that.
DECIMALS = 1

Point = tuple[float, float]


class MeasureError(ValueError):
    """The points cannot give a length (the message is plain English, marked for translation)."""


@dataclass(frozen=True)
class Measure:
    reference_mm: float
    reference_px: float
    spot_px: float
    length_mm: float


def distance(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def measure(*, reference: tuple[Point, Point], spot: tuple[Point, Point], reference_mm: float):
    """The spot's length in millimetres, from the reference's ends and the spot's ends."""
    if reference_mm <= 0:
        raise MeasureError(_("The reference must have a length."))
    reference_px = distance(*reference)
    if reference_px < MIN_REFERENCE_PX:
        raise MeasureError(
            _("The two ends of the reference are too close together. Zoom in or move them apart.")
        )
    spot_px = distance(*spot)
    if spot_px == 0:
        raise MeasureError(_("The two ends of the spot are on the same point."))
    length = round(spot_px * reference_mm / reference_px, DECIMALS)
    return Measure(reference_mm, reference_px, spot_px, length)
