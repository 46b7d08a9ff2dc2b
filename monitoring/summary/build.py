"""The appointment summary: what changed for one patient over one period, as frozen data.

`build_summary(patient=..., period=...)` reads the log in a fixed number of queries and returns a
`Summary` the templates only display (no ORM in templates). Labels are resolved here, in the active
language; patient text (area names, notes, questions) stays plain text for the template to escape.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from education.choices import label
from education.vocabulary import Treatment, Urgency
from monitoring.flags import status as area_status
from monitoring.models import Concern
from monitoring.rules import wording
from tracker.body_map import Pin
from tracker.models import Entry, Photo, Question, WatchedArea

# Internal URL schemes the PDF template writes and SummaryURLFetcher (summary/pdf.py) serves.
STATIC_SCHEME = "static:"
PHOTO_SCHEME = "photo:"

# With no last appointment in the profile, the summary covers this many days.
DEFAULT_PERIOD_DAYS = 91


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __contains__(self, day):
        return self.start <= day <= self.end


def default_period(*, profile, today=None):
    """Since the last appointment (when it is in the past), else the last three months."""
    today = today or timezone.localdate()
    last = getattr(profile, "last_appointment", None)
    if last is not None and last <= today:
        return Period(start=last, end=today)
    return Period(start=today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS), end=today)


@dataclass(frozen=True)
class ConcernItem:
    urgency: str
    urgency_label: str
    reason: str
    area_name: str
    date: datetime.date  # the date of the concern's latest check
    outcome_label: str = ""
    note_to_patient: str = ""
    reviewed_on: datetime.date | None = None
    title: str = ""  # the rule's short title ("Getting bigger")
    first_date: datetime.date | None = None  # the concern's first check, when before `date`
    contacted_on: datetime.date | None = None  # "I have contacted my care team"


@dataclass(frozen=True)
class PhotoItem:
    code: str
    date: datetime.date
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class EntryRow:
    date: datetime.date
    signs: tuple[str, ...]
    change: str
    size_mm: int | None
    size_measured: bool
    pain: int
    itch: int
    treatment: str
    treatment_since: datetime.date | None
    notes: str


@dataclass(frozen=True)
class AreaSummary:
    name: str
    site_label: str
    first_photo: PhotoItem | None
    latest_photo: PhotoItem | None
    photo_count: int
    size_points: tuple[tuple[datetime.date, int, bool], ...]  # (date, mm, measured on a photo)
    entries: tuple[EntryRow, ...]  # oldest first


@dataclass(frozen=True)
class QuestionItem:
    text: str
    created_on: datetime.date


@dataclass(frozen=True)
class Summary:
    patient_name: str
    patient_code: str
    period: Period
    history: tuple[str, ...]
    printed_on: datetime.date
    next_appointment: datetime.date | None
    to_raise: tuple[ConcernItem, ...]  # open flags, most urgent first, then by area and date
    reviewed: tuple[ConcernItem, ...]  # already reviewed by the care team
    areas: tuple[AreaSummary, ...]
    quiet_areas: tuple[str, ...]  # open areas with no check in the period
    questions: tuple[QuestionItem, ...]
    # The body map: every open watched area's pin, coloured by its most urgent open finding, with
    # (number, name, urgency label) for the list beside it; the places that had radiation.
    map_pins: tuple[Pin, ...] = ()
    map_key: tuple[tuple[int, str, str], ...] = ()
    radiation_sites: tuple[str, ...] = ()

    @property
    def photo_codes(self):
        """The photos this summary shows: the only ones the PDF may fetch."""
        return frozenset(
            photo.code
            for area in self.areas
            for photo in (area.first_photo, area.latest_photo)
            if photo is not None
        )

    @property
    def to_raise_groups(self):
        """((urgency, label, flags), ...): the open flags under one heading per urgency."""
        groups = []
        for flag in self.to_raise:
            if not groups or groups[-1][0] != flag.urgency:
                groups.append((flag.urgency, flag.urgency_label, []))
            groups[-1][2].append(flag)
        return tuple((urgency, label, tuple(flags)) for urgency, label, flags in groups)

    @property
    def has_urgent(self):
        return any(flag.urgency == Urgency.URGENT for flag in self.to_raise)


def build_summary(*, patient, period, today=None):
    """The summary of `patient`'s log over `period` (the caller has checked access)."""
    profile = getattr(patient, "profile", None)
    entries = list(
        Entry.objects.filter(area__patient=patient, date__gte=period.start, date__lte=period.end)
        .select_related("area")
        .order_by("date", "created_at", "pk")
    )
    photos = _photos_by_entry(entries)
    by_area = {}
    for entry in entries:
        by_area.setdefault(entry.area, []).append(entry)
    areas = tuple(
        _area_summary(area, area_entries, photos)
        for area, area_entries in sorted(by_area.items(), key=lambda item: item[0].name.lower())
    )
    open_areas = list(WatchedArea.objects.owned_by(patient).open().order_by("name", "pk"))
    quiet = tuple(area.name for area in open_areas if area not in by_area)
    to_raise, reviewed = _concerns(patient, period)
    map_pins, map_key = _map(open_areas)
    return Summary(
        patient_name=patient.full_name or patient.email,
        patient_code=str(patient.code),
        period=period,
        history=tuple(str(label) for label in (profile.history_labels if profile else [])),
        printed_on=today or timezone.localdate(),
        next_appointment=profile.next_appointment if profile else None,
        to_raise=to_raise,
        reviewed=reviewed,
        areas=areas,
        quiet_areas=quiet,
        questions=tuple(
            QuestionItem(text=q.text, created_on=timezone.localdate(q.created_at))
            for q in Question.objects.filter(patient=patient).open().order_by("created_at", "pk")
        ),
        map_pins=map_pins,
        map_key=map_key,
        radiation_sites=tuple(profile.radiation_sites) if profile else (),
    )


def _map(open_areas):
    """Pins of every open watched area (numbered by name) and the key that lists them."""
    areas = area_status.with_urgency(open_areas)
    pins, key = [], []
    for number, area in enumerate(areas, start=1):
        x, y = area.pin
        pins.append(Pin(x, y, number, area.open_urgency))
        status = label(Urgency, area.open_urgency) if area.open_urgency else gettext("Nothing open")
        key.append((number, area.name, status))
    return tuple(pins), tuple(key)


def _photos_by_entry(entries):
    """{entry pk: [PhotoItem, ...]} in upload order, in one query."""
    photos = {}
    rows = Photo.objects.filter(entry__in=entries).order_by("entry_id", "created_at", "pk")
    dates = {entry.pk: entry.date for entry in entries}
    for photo in rows:
        photos.setdefault(photo.entry_id, []).append(
            PhotoItem(
                code=str(photo.code),
                date=dates[photo.entry_id],
                width=photo.width,
                height=photo.height,
            )
        )
    return photos


def _area_summary(area, entries, photos):
    area_photos = [photo for entry in entries for photo in photos.get(entry.pk, ())]
    return AreaSummary(
        name=area.name,
        site_label=str(area.get_site_display()),
        first_photo=area_photos[0] if area_photos else None,
        latest_photo=area_photos[-1] if len(area_photos) > 1 else None,
        photo_count=len(area_photos),
        size_points=tuple(
            (e.date, e.size_mm, e.size_is_measured) for e in entries if e.size_mm is not None
        ),
        entries=tuple(_entry_row(entry) for entry in entries),
    )


def _entry_row(entry):
    return EntryRow(
        date=entry.date,
        signs=tuple(str(label) for label in entry.sign_labels),
        change=str(entry.get_change_display()) if entry.change else "",
        size_mm=entry.size_mm,
        size_measured=entry.size_is_measured,
        pain=entry.pain,
        itch=entry.itch,
        treatment="" if entry.treatment == Treatment.NONE else label(Treatment, entry.treatment),
        treatment_since=entry.treatment_since,
        notes=entry.notes,
    )


# Reviewed concerns listed in the summary (the newest; the rest are in the export).
REVIEWED_LIMIT = 20


def _concerns(patient, period):
    """Every open concern (one per area and rule, so bounded), most urgent first then newest;
    and the concerns reviewed in the period with their outcome, newest first."""
    # Only the two checks' dates are shown: joined as values, not loaded as two more models.
    dates = {"latest_date": F("latest_entry__date"), "first_date": F("first_entry__date")}
    open_ = Concern.objects.open().filter(patient=patient).select_related("area").annotate(**dates)
    reviewed = (
        Concern.objects.filter(
            patient=patient,
            state=Concern.State.REVIEWED,
            reviewed_at__date__range=(period.start, period.end),
        )
        .select_related("area")
        .annotate(**dates)
        .order_by("-reviewed_at", "-pk")[:REVIEWED_LIMIT]
    )
    to_raise = sorted((_item(c) for c in open_), key=_concern_order)
    return tuple(to_raise), tuple(_item(c) for c in reviewed)


def _item(concern):
    day = concern.latest_date or concern.opened_on
    first = concern.first_date or concern.opened_on
    return ConcernItem(
        urgency=concern.urgency,
        urgency_label=label(Urgency, concern.urgency),
        reason=concern.reason_text(),
        area_name=concern.area.name,
        date=day,
        outcome_label=str(concern.get_outcome_display()) if concern.outcome else "",
        note_to_patient=concern.note_to_patient,
        reviewed_on=timezone.localdate(concern.reviewed_at) if concern.reviewed_at else None,
        title=wording.rule_title(concern.rule, gettext=gettext),
        first_date=first if first < day else None,
        contacted_on=timezone.localdate(concern.contacted_at) if concern.contacted_at else None,
    )


def _concern_order(item):
    """Most urgent first, then newest, then by area (the order of the "To raise" list)."""
    return (-Urgency.rank_of(item.urgency), -item.date.toordinal(), item.area_name.lower())
