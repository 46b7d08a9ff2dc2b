"""Measurements on a photo: who marked which points against which reference, and the result.

A measurement belongs to the photo, whoever made it, so anyone who may see the photo can check it
(the points are kept in pixels of the stored full-size photo). Only someone who may change the
check (the patient, or the caregiver who logged it) can make a measurement the check's size;
a clinician's measurement stays on the photo, shown as theirs, and never changes what the
patient logged.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tracker.measuring import REFERENCES, measure
from tracker.models import MAX_SIZE_MM

REFERENCE_CHOICES = [(code, _(label)) for code, (label, _mm) in REFERENCES.items()]


class PhotoMeasurement(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    photo = models.ForeignKey(
        "tracker.Photo", on_delete=models.CASCADE, related_name="measurements"
    )
    measured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # True when the measurer was a clinician sharing the record (shown as the clinician's).
    by_clinician = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    reference = models.CharField(max_length=16, choices=REFERENCE_CHOICES)
    reference_mm = models.FloatField()
    # The ends of the reference and of the spot's longest length, in pixels of the full photo.
    reference_x1 = models.FloatField()
    reference_y1 = models.FloatField()
    reference_x2 = models.FloatField()
    reference_y2 = models.FloatField()
    spot_x1 = models.FloatField()
    spot_y1 = models.FloatField()
    spot_x2 = models.FloatField()
    spot_y2 = models.FloatField()
    length_mm = models.FloatField()

    class Meta:
        app_label = "tracker"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(length_mm__gt=0) & Q(reference_mm__gt=0),
                name="measurement_lengths_positive",
            ),
        ]

    def __str__(self):
        return f"Measurement {self.code}"

    @property
    def reference_points(self):
        return ((self.reference_x1, self.reference_y1), (self.reference_x2, self.reference_y2))

    @property
    def spot_points(self):
        return ((self.spot_x1, self.spot_y1), (self.spot_x2, self.spot_y2))

    @property
    def reference_label(self):
        return self.get_reference_display()

    @property
    def whole_mm(self):
        """The result as the check's size field holds it (whole millimetres, at least 1)."""
        return min(MAX_SIZE_MM, max(1, round(self.length_mm)))


def save_measurement(*, photo, user, by_clinician, reference, reference_points, spot_points):
    """Compute and store a measurement (raises tracker.measuring.MeasureError on bad points)."""
    reference_mm = REFERENCES[reference][1]
    result = measure(reference=reference_points, spot=spot_points, reference_mm=reference_mm)
    (rx1, ry1), (rx2, ry2) = reference_points
    (sx1, sy1), (sx2, sy2) = spot_points
    return PhotoMeasurement.objects.create(
        photo=photo,
        measured_by=user,
        by_clinician=by_clinician,
        reference=reference,
        reference_mm=reference_mm,
        reference_x1=rx1,
        reference_y1=ry1,
        reference_x2=rx2,
        reference_y2=ry2,
        spot_x1=sx1,
        spot_y1=sy1,
        spot_x2=sx2,
        spot_y2=sy2,
        length_mm=result.length_mm,
    )


@transaction.atomic
def use_as_size(*, measurement):
    """Make a measurement the size of its photo's check, marked as measured.

    The caller has checked that the user may change the check. Saving the entry judges the
    area again (monitoring listens to the save), in this same transaction.
    """
    entry = measurement.photo.entry
    entry.size_mm = measurement.whole_mm
    entry.size_measurement = measurement
    entry.save(update_fields=["size_mm", "size_measurement", "updated_at"])
    return entry
