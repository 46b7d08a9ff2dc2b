"""The patient log's business logic, in plain functions the views call.

They take plain, typed, keyword-only values (never a form): the views validate with their forms and
pass what was cleaned.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.utils import timezone

from education.vocabulary import Treatment
from tracker.models import Entry, Photo, Profile, User, WatchedArea


@dataclass(frozen=True)
class EntryValues:
    """What a patient describes in one check: the fields of `tracker.models.ENTRY_FIELDS`."""

    date: datetime.date
    signs: tuple[str, ...] = ()
    change: str = ""  # "" when the patient is not sure
    size_mm: int | None = None
    pain: int = 0
    itch: int = 0
    treatment: str = Treatment.NONE
    treatment_since: datetime.date | None = None
    notes: str = ""


def profile_for(user):
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def areas_with_latest_entry(areas):
    """Annotate each area with its latest entry's date and change, how many entries it has, and
    the code of its latest photo (for the card's thumbnail)."""
    latest = Entry.objects.filter(area=OuterRef("pk")).order_by("-date", "-created_at")
    photo = Photo.objects.filter(entry__area=OuterRef("pk")).order_by(
        "-entry__date", "-entry__created_at", "-created_at", "-pk"
    )
    return areas.annotate(
        latest_date=Subquery(latest.values("date")[:1]),
        latest_change=Subquery(latest.values("change")[:1]),
        latest_photo_code=Subquery(photo.values("code")[:1]),
        entry_count=Count("entries"),
    )


def number_for_map(areas):
    """The areas as a list; the open ones numbered 1, 2, ... (`map_number`) for the body map."""
    areas = list(areas)
    number = 0
    for area in areas:
        if not area.is_resolved:
            number += 1
            area.map_number = number
    return areas


def create_area(
    *,
    patient: User,
    site: str,
    name: str,
    first_noticed: datetime.date | None = None,
    notes: str = "",
    pin_x: float | None = None,
    pin_y: float | None = None,
) -> WatchedArea:
    """A new watched area; `pin_x`, `pin_y`: where the patient tapped on the body map."""
    return WatchedArea.objects.create(
        patient=patient,
        site=site,
        name=name,
        first_noticed=first_noticed,
        notes=notes,
        pin_x=pin_x,
        pin_y=pin_y,
    )


def set_area_resolved(*, area, resolved):
    area.resolved_at = timezone.now() if resolved else None
    area.save(update_fields=["resolved_at"])
    return area


@transaction.atomic
def save_entry(
    *,
    values: EntryValues,
    entry: Entry | None = None,
    area: WatchedArea | None = None,
    author: User | None = None,
) -> Entry:
    """Save `entry` with `values`, or (with no entry) a new entry of `area` logged by `author`."""
    if entry is None:
        entry = Entry(area=area, created_by=author)
    elif entry.size_measurement_id and values.size_mm != entry.size_measurement.whole_mm:
        entry.size_measurement = None  # a typed size replaces the one measured on a photo
    for name, value in asdict(values).items():
        setattr(entry, name, value)
    entry.signs = list(values.signs)  # a JSON list in the database
    entry.save()
    return entry


def delete_entry(*, entry):
    entry.delete()


def delete_area(*, area):
    area.delete()


def timeline(entries):
    """Entries newest first, with what the timelines show loaded in a fixed number of queries:
    the area, the photos, and the concerns each check opened or updated, with who reviewed
    them."""
    # The concerns are monitoring's, reached through their related name: tracker imports
    # nothing of monitoring (see tracker/export.py).
    links = Entry._meta.get_field("concern_checks").related_model.objects.for_timelines()
    return (
        entries.select_related("area")
        .prefetch_related("photos", Prefetch("concern_checks", queryset=links))
        .newest_first()
    )


def photo_date_suggestion(entry):
    """The day the entry's photos were taken, when the camera recorded it and it differs from the
    entry's date (and is not in the future); None otherwise. The browser suggests this for JPEG
    before upload; this covers HEIC from iPhones, which the browser cannot read."""
    days = {timezone.localtime(p.taken_at).date() for p in entry.photos.all() if p.taken_at}
    if len(days) != 1:
        return None  # no capture time, or photos from different days: nothing clear to suggest
    day = days.pop()
    return day if day != entry.date and day <= timezone.localdate() else None


@transaction.atomic
def move_entry_to(*, entry, day):
    entry.date = day
    entry.save(update_fields=["date", "updated_at"])
    return entry


def latest_photo(area, *, other_than=None):
    """The area's most recent photo (by check date), for the camera's "ghost"; None if none.

    `other_than` leaves out one entry's own photos (the check being edited).
    """
    photos = Photo.objects.filter(entry__area=area).select_related("entry")
    if other_than is not None and other_than.pk:
        photos = photos.exclude(entry=other_than)
    return photos.order_by("-entry__date", "-entry__created_at", "-created_at", "-pk").first()


# The area page charts at most this many checks (the newest): bounded work, however long the log.
CHART_CHECKS = 60


def area_trend(area):
    """The area page's charts over the newest CHART_CHECKS checks, oldest first: rows of
    (date, size in mm, measured on a photo, pain, itch), the size points (date, mm, measured)
    and the pain-and-itch points (date, pain, itch)."""
    rows = [
        (day, mm, mm is not None and measured is not None, pain, itch)
        for day, mm, measured, pain, itch in area.entries.order_by(
            "-date", "-created_at"
        ).values_list("date", "size_mm", "size_measurement_id", "pain", "itch")[:CHART_CHECKS]
    ][::-1]
    sizes = tuple((day, mm, measured) for day, mm, measured, _p, _i in rows if mm is not None)
    scores = tuple((day, pain, itch) for day, _mm, _m, pain, itch in rows)
    return rows, sizes, scores
