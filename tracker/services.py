"""The patient log's business logic, in plain functions the views call."""

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from tracker.models import Entry, Photo, Profile


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


def create_area(*, patient, form):
    area = form.save(commit=False)
    area.patient = patient
    area.save()
    return area


def set_area_resolved(*, area, resolved):
    area.resolved_at = timezone.now() if resolved else None
    area.save(update_fields=["resolved_at"])
    return area


@transaction.atomic
def save_entry(*, form, area=None, author=None):
    """Save a new entry (area and author given) or an edited one."""
    entry = form.save(commit=False)
    if area is not None:
        entry.area = area
        entry.created_by = author
    entry.save()
    return entry


def delete_entry(*, entry):
    entry.delete()


def delete_area(*, area):
    area.delete()


def timeline(entries):
    """Entries newest first, with what the timeline shows loaded in a fixed number of queries."""
    return entries.select_related("area").prefetch_related("photos").newest_first()


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
