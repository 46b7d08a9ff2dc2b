"""A measurement on a photo: who marked which points against which reference, and the result."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tracker.measuring import REFERENCES
from tracker.models.log import MAX_SIZE_MM

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
