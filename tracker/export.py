"""Everything a patient stored, as one ZIP file they can keep or take to another service.

The archive holds every photo at full size under `photos/`, `record.json` (the whole record:
profile, areas, checks, concerns with the care team's outcomes and who reviewed them, questions, and
who looked at the record), `checks.csv` (one row per check, for a spreadsheet),
`access-log.csv` and a short `README.txt`.

It is streamed (``stream_export`` yields the ZIP a piece at a time, photos read from storage in
blocks): the first bytes leave at once and memory does not grow with the number of photos, so a
big record cannot time out a worker. README.txt comes first (before any query), then the photos,
then the record files.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterator

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone

from tracker.export_care import ACCESS_LOG_FIELDS, ENTRY_PREFETCH, access_log, concerns_of
from tracker.models import ENTRY_FIELDS, Entry, Photo, PhotoMeasurement, Question
from tracker.storage import read_chunks

CSV_FIELDS = ["area", "site", *ENTRY_FIELDS, "photos"]

README = """Your Skin Change Tracker record, exported on {day}.

record.json     everything you stored: profile, areas, checks, concerns and what your care team
                decided (and who), questions, and who looked at your record
checks.csv      one line per check, to open in a spreadsheet
access-log.csv  who looked at your record, when, and at what kind of thing
photos/         every photo at full size, named by the date of its check

Keep this file somewhere safe: it holds private health information.
"""


def export_filename(*, today):
    return f"skin-record-{today:%Y-%m-%d}.zip"


def stream_export(*, patient) -> Iterator[bytes]:
    """The patient's whole record as a ZIP archive, a piece at a time."""
    pipe = _Pipe()
    rows = []
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # First, before the record is read: the download starts at once, however big it is.
        archive.writestr("README.txt", README.format(day=timezone.localdate()))
        yield pipe.take()
        record = {
            "exported_at": timezone.now(),
            "account": {"name": patient.full_name, "email": patient.email},
            "profile": _profile(patient),
            "areas": [],
            "questions": list(
                Question.objects.owned_by(patient).values("text", "created_at", "done_at")
            ),
        }
        for area in _areas(patient):
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
                photo_files = []
                for photo in entry.photos.all():
                    yield from _add_photo(archive, pipe, entry, photo, photo_files)
                area_data["checks"].append(_entry(entry, photo_files))
                rows.append(_csv_row(area, entry, photo_files))
            record["areas"].append(area_data)
        log = list(access_log(patient))
        record["access_log"] = log
        archive.writestr("record.json", json.dumps(record, cls=DjangoJSONEncoder, indent=2))
        archive.writestr("checks.csv", _csv(CSV_FIELDS, rows))
        archive.writestr("access-log.csv", _csv(ACCESS_LOG_FIELDS, log))
    yield pipe.take()


class _Pipe:
    """A write-only file the ZIP writer fills and the response drains (it cannot seek, so
    zipfile writes each member's sizes after its data)."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def _areas(patient):
    entries = Entry.objects.order_by("date", "created_at").prefetch_related(
        Prefetch(
            "photos",
            queryset=Photo.objects.order_by("created_at", "pk").prefetch_related(
                Prefetch("measurements", PhotoMeasurement.objects.order_by("created_at", "pk"))
            ),
        ),
        *ENTRY_PREFETCH,
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
        "concerns": concerns_of(entry),
    }


def _add_photo(archive, pipe, entry, photo, photo_files):
    name = f"photos/{entry.date:%Y-%m-%d}-{photo.code}.jpg"
    info = zipfile.ZipInfo(name, date_time=timezone.localtime(photo.created_at).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED  # JPEG is already compressed
    with archive.open(info, "w") as member:
        for chunk in read_chunks(default_storage, photo.master_name):
            member.write(chunk)
            yield pipe.take()
    yield pipe.take()
    photo_files.append(
        {
            "file": name,
            "taken_at": photo.taken_at,
            "sha256": photo.sha256,
            "measurements": [_measurement(m) for m in photo.measurements.all()],
        }
    )


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
    row = {field: getattr(entry, field) for field in ENTRY_FIELDS}
    row.update(area=area.name, site=area.site, signs=" ".join(entry.signs))
    row["photos"] = " ".join(photo["file"] for photo in photo_files)
    return {field: row[field] for field in CSV_FIELDS}


def _csv(fields, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
