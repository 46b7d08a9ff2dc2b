"""Measurements on a photo: who marked which points against which reference, and the result.

A measurement belongs to the photo, whoever made it, so anyone who may see the photo can check it
(the points are kept in pixels of the stored full-size photo). Only someone who may change the
check (the patient, or the caregiver who logged it) can make a measurement the check's size;
a clinician's measurement stays on the photo, shown as theirs, and never changes what the
patient logged.
"""

from __future__ import annotations

from django.db import transaction

from tracker.measuring import REFERENCES, measure
from tracker.models import PhotoMeasurement


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
