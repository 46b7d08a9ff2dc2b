"""The form behind the measuring tool: a reference, and four points in pixels of the full photo.

With JavaScript the points are set by dragging handles (or moving them with the arrow keys); the
number fields are the fallback, and what the server always reads.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.models import REFERENCE_CHOICES

POINTS = (
    ("reference_x1", "reference_y1", _("Reference, first end")),
    ("reference_x2", "reference_y2", _("Reference, second end")),
    ("spot_x1", "spot_y1", _("Spot, first end")),
    ("spot_x2", "spot_y2", _("Spot, second end")),
)


class MeasureForm(forms.Form):
    reference = forms.ChoiceField(
        label=_("What is in the photo to measure against?"),
        choices=REFERENCE_CHOICES,
        error_messages={"invalid_choice": _("Please choose from the list.")},
    )

    def __init__(self, *args, photo, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo = photo
        for x_name, y_name, label in POINTS:
            for name, limit, axis in (
                (x_name, photo.width, _("across")),
                (y_name, photo.height, _("down")),
            ):
                self.fields[name] = forms.FloatField(
                    label=f"{label}: {axis}",
                    min_value=0,
                    max_value=limit,
                    widget=forms.NumberInput(attrs={"step": "1", "inputmode": "decimal"}),
                    error_messages={
                        "min_value": _("Please keep the points on the photo."),
                        "max_value": _("Please keep the points on the photo."),
                        "invalid": _("Please type a number of pixels."),
                        "required": _("Please place this point."),
                    },
                )
        if not self.is_bound:
            self.initial.update(default_points(photo))

    def points(self):
        data = self.cleaned_data
        pairs = [
            ((data[x1], data[y1]), (data[x2], data[y2]))
            for (x1, y1, _l1), (x2, y2, _l2) in (POINTS[0:2], POINTS[2:4])
        ]
        return pairs[0], pairs[1]


def default_points(photo):
    """Where the handles start: a short reference at the bottom, the spot across the middle."""
    w, h = photo.width, photo.height
    return {
        "reference_x1": round(w * 0.15),
        "reference_y1": round(h * 0.85),
        "reference_x2": round(w * 0.35),
        "reference_y2": round(h * 0.85),
        "spot_x1": round(w * 0.4),
        "spot_y1": round(h * 0.5),
        "spot_x2": round(w * 0.6),
        "spot_y2": round(h * 0.5),
    }
