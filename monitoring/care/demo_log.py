"""The access-log rows the demo's own story implies: the demo clinician, before writing "I looked
at your photos and notes", opened the patient's record, the area and its photos, and then
recorded the review."""

from monitoring.models import AccessLogEntry
from tracker.models import Photo

What = AccessLogEntry.What


def log_the_review(*, patient, clinician, area):
    def row(what, code=None, path="", wrote=False):
        return AccessLogEntry(
            actor=clinician,
            patient=patient,
            actor_role="clinician",
            what=what,
            object_code=code,
            path=path,
            allowed=True,
            wrote=wrote,
        )

    rows = [
        row(What.PATIENT_LIST, path="/care/"),
        row(What.TIMELINE, patient.code, f"/care/patients/{patient.code}/"),
        row(What.AREA, area.code, f"/areas/{area.code}/"),
    ]
    photos = Photo.objects.filter(entry__area=area).order_by("-entry__date")[:6]
    rows += [row(What.PHOTO, photo.code, f"/photos/{photo.code}/") for photo in photos]
    rows.append(
        row(What.FLAG_REVIEW, patient.code, f"/care/patients/{patient.code}/review/", wrote=True)
    )
    for entry in rows:  # save() fills the pseudonyms and the retention date
        entry.save()
