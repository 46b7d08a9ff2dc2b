"""Everything a patient stored, as one ZIP file they can keep or take to another service.

The archive holds `record.json` (the whole record), `checks.csv` (one row per check, for a
spreadsheet), every photo at full size under `photos/`, and a short `README.txt`.
"""

import csv
import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone

from tracker.models import ENTRY_FIELDS, Entry, Photo, PhotoMeasurement, Question

CSV_FIELDS = ["area", "site", *ENTRY_FIELDS, "photos"]
# Flags live in the monitoring app; the export reads them through the related name only, as the
# timelines do, so tracker imports nothing of monitoring.
FLAG_FIELDS = ["rule", "rule_version", "urgency", "state", "raised_at", "reason", "outcome"]
FLAG_FIELDS += ["note_to_patient", "reviewed_at"]

README = """Your Skin Change Tracker record, exported on {day}.

record.json  everything you stored: profile, areas, checks, flags, questions
checks.csv   one line per check, to open in a spreadsheet
photos/      every photo at full size, named by the date of its check

Keep this file somewhere safe: it holds private health information.
"""


def export_filename(*, today):
    return f"skin-record-{today:%Y-%m-%d}.zip"


def write_export(*, patient, fileobj):
    """Write the patient's whole record as a ZIP archive into `fileobj`."""
    areas = _areas(patient)
    record = {
        "exported_at": timezone.now(),
        "account": {"name": patient.full_name, "email": patient.email},
        "profile": _profile(patient),
        "areas": [],
        "questions": list(
            Question.objects.owned_by(patient).values("text", "created_at", "done_at")
        ),
    }
    rows = []
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for area in areas:
            area_data = {
                "name": area.name,
                "site": area.site,
                "site_label": str(area.get_site_display()),
                "first_noticed": area.first_noticed,
                "notes": area.notes,
                "resolved_at": area.resolved_at,
                "pin": {"x": area.pin_x, "y": area.pin_y},
                "checks": [],
            }
            for entry in area.entries.all():
                photo_files = [_add_photo(archive, entry, photo) for photo in entry.photos.all()]
                area_data["checks"].append(_entry(entry, photo_files))
                rows.append(_csv_row(area, entry, photo_files))
            record["areas"].append(area_data)
        archive.writestr("record.json", json.dumps(record, cls=DjangoJSONEncoder, indent=2))
        archive.writestr("checks.csv", _csv(rows))
        archive.writestr("README.txt", README.format(day=timezone.localdate()))


def _areas(patient):
    entries = Entry.objects.order_by("date", "created_at").prefetch_related(
        Prefetch(
            "photos",
            queryset=Photo.objects.order_by("created_at", "pk").prefetch_related(
                Prefetch("measurements", PhotoMeasurement.objects.order_by("created_at", "pk"))
            ),
        ),
        "flags",
    )
    return patient.areas.order_by("created_at").prefetch_related(Prefetch("entries", entries))


def _profile(patient):
    profile = getattr(patient, "profile", None)
    if profile is None:
        return {}
    return {
        "history": profile.history,
        "radiation_sites": profile.radiation_sites,
        "care_team_phone": profile.care_team_phone,
        "last_appointment": profile.last_appointment,
        "next_appointment": profile.next_appointment,
    }


def _entry(entry, photo_files):
    return {
        **{field: getattr(entry, field) for field in ENTRY_FIELDS},
        "size_measured_on_photo": entry.size_is_measured,
        "photos": photo_files,
        "flags": [
            {field: getattr(flag, field) for field in FLAG_FIELDS} for flag in entry.flags.all()
        ],
    }


def _add_photo(archive, entry, photo):
    name = f"photos/{entry.date:%Y-%m-%d}-{photo.code}.jpg"
    with default_storage.open(photo.master_name, "rb") as stored:
        # JPEG is already compressed: store it as it is.
        archive.writestr(name, stored.read(), compress_type=zipfile.ZIP_STORED)
    return {
        "file": name,
        "taken_at": photo.taken_at,
        "sha256": photo.sha256,
        "measurements": [_measurement(m) for m in photo.measurements.all()],
    }


def _measurement(measurement):
    return {
        "length_mm": measurement.length_mm,
        "measured_at": measurement.created_at,
        "by_clinician": measurement.by_clinician,
        "reference": measurement.reference,
        "reference_mm": measurement.reference_mm,
        "reference_points": measurement.reference_points,
        "spot_points": measurement.spot_points,
        "used_as_size": measurement.photo.entry.size_measurement_id == measurement.pk,
    }


def _csv_row(area, entry, photo_files):
    row = _entry(entry, photo_files)
    row.update(area=area.name, site=area.site, signs=" ".join(entry.signs))
    row["photos"] = " ".join(photo["file"] for photo in photo_files)
    return {field: row[field] for field in CSV_FIELDS}


def _csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
