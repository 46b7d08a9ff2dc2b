"""The clinician's side: the triage list, a patient's record (concerns by area, timeline), and
reviewing concerns (one, or all open ones of an area)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from education import choices
from education.vocabulary import Sign, Urgency
from monitoring.models import Concern, ConcernCheck
from monitoring.rules import wording
from monitoring.rules.catalogue import RULES
from tracker.access import patients_for
from tracker.models import Entry, Role

# Reviewed concerns shown per area on the record page (the rest are in the timeline and export).
REVIEWED_PER_AREA = 3


def triage(*, clinician, urgency="", query=""):
    """The clinician's patients, most urgent open concern first (as raised: a concern shown
    lower because the area went away still needs its review), then oldest, then name.

    One query whatever the number of patients: the counts are aggregates over one join on the open
    concerns (the partial index `concern_open_queue_idx`), the last check a correlated subquery.
    """
    is_open = Q(concerns__state=Concern.State.OPEN)
    last_entry = (
        Entry.objects.filter(area__patient=OuterRef("pk")).order_by("-date").values("date")[:1]
    )
    raised = "concerns__raised_urgency"
    patients = patients_for(clinician, role=Role.CLINICIAN).annotate(
        n_urgent=Count("concerns", filter=is_open & Q(**{raised: Urgency.URGENT})),
        n_soon=Count("concerns", filter=is_open & Q(**{raised: Urgency.SOON})),
        n_next_visit=Count("concerns", filter=is_open & Q(**{raised: Urgency.NEXT_VISIT})),
        # Urgency codes sort the right way round (see education.vocabulary.Urgency).
        top_urgency=Max(raised, filter=is_open),
        oldest_open=Min("concerns__opened_at", filter=is_open),
        last_entry=Subquery(last_entry),
        next_appointment=F("profile__next_appointment"),
    )
    if Urgency.get(urgency) is not None:
        patients = patients.filter(**{f"n_{urgency}__gt": 0})
    if query:
        patients = patients.filter(full_name__icontains=query.strip())
    return patients.order_by(
        F("top_urgency").desc(nulls_last=True),
        F("oldest_open").asc(nulls_last=True),
        "full_name",
        "pk",
    )


def record_timeline(*, entries):
    """A patient's checks across areas, newest first, with what each check did to which concern
    and the photos preloaded."""
    links = ConcernCheck.objects.for_timelines()
    return (
        entries.select_related("area")
        .prefetch_related(Prefetch("concern_checks", queryset=links), "photos")
        .order_by("-date", "-created_at")
    )


@dataclass
class AreaConcerns:
    """One area's part of the record page: its open concerns and its latest reviewed ones."""

    area: object
    open: list = field(default_factory=list)
    reviewed: list = field(default_factory=list)


def record_concerns(*, patient) -> list[AreaConcerns]:
    """The patient's concerns grouped by area, areas with the most urgent open concern first.
    Bounded: open concerns are at most one per (area, rule); reviewed ones are limited per area.
    """
    by_area: dict[int, AreaConcerns] = {}
    for area in patient.areas.all():
        by_area[area.pk] = AreaConcerns(area)
    related = ("area", "latest_entry", "reviewed_by")
    for concern in Concern.objects.open().filter(patient=patient).select_related(*related):
        by_area[concern.area_id].open.append(concern)
    # The latest few reviews of each area, cut in SQL: one query, however many reviews there are.
    newest_first = Window(
        RowNumber(), partition_by=[F("area_id")], order_by=F("reviewed_at").desc()
    )
    reviewed = (
        Concern.objects.filter(patient=patient, state=Concern.State.REVIEWED)
        .select_related(*related)
        .annotate(nth=newest_first)
        .filter(nth__lte=REVIEWED_PER_AREA)
        .order_by("area_id", "-reviewed_at")
    )
    for concern in reviewed:
        by_area[concern.area_id].reviewed.append(concern)
    groups = [g for g in by_area.values() if g.open or g.reviewed]
    for group in groups:
        group.open.sort(key=lambda c: (-Urgency.rank_of(c.raised_urgency), c.opened_at))
    return sorted(
        groups,
        key=lambda g: (
            -max((Urgency.rank_of(c.raised_urgency) for c in g.open), default=0),
            g.area.name,
        ),
    )


def clinical_summary(concern: Concern) -> str:
    """The concern in clinical words: site, what was logged, dates, sizes; no internal codes."""
    facts = concern.facts
    parts = [str(concern.area.get_site_display())]
    signs = [_sign_phrase(s) for s in facts.get("signs") or ()]
    if signs:
        parts.append(", ".join(signs))
    parts.append(_("first logged %(day)s") % {"day": _day(concern.opened_on)})
    if concern.is_lowered:
        parts.append(
            _("was %(urgency)s; the area is now marked gone or resolved")
            % {"urgency": choices.label(Urgency, concern.raised_urgency)}
        )
    if concern.contacted_at:
        parts.append(
            _("patient says they contacted the care team %(day)s")
            % {"day": _day(timezone.localtime(concern.contacted_at))}
        )
    if concern.latest_entry is not None:
        parts.append(_("last check %(day)s") % {"day": _day(concern.latest_entry.date)})
    if facts.get("from_size") is not None and facts.get("size") is not None:
        parts.append(
            _("size %(a)s mm → %(b)s mm")
            % {"a": _number(facts["from_size"]), "b": _number(facts["size"])}
        )
    if facts.get("days") is not None and facts.get("since_date"):
        since = _day(date.fromisoformat(facts["since_date"]))
        parts.append(_("%(days)s days since %(day)s") % {"days": facts["days"], "day": since})
    for name in ("pain", "itch"):
        if facts.get(name):
            parts.append(f"{_(name)} {facts[name]}/10")
    if facts.get("fever_date"):
        fever = _day(date.fromisoformat(facts["fever_date"]))
        parts.append(_("fever logged %(day)s") % {"day": fever})
    rule = RULES.get(concern.rule)
    criterion = rule.describe(gettext=_) if rule is not None else ""
    text = "; ".join(parts) + "."
    return f"{text} {criterion}".strip()


def _sign_phrase(code) -> str:
    member = Sign.get(code)
    return _(member.phrase) if member is not None and member.phrase else str(code)


def _day(day) -> str:
    return date_format(day, "j M Y")


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@transaction.atomic
def review_concerns(*, patient, reviewer, outcome, note, concern_code=None, area_code=None):
    """Close `patient`'s open concern `concern_code`, or every open concern of the area
    `area_code`, with the clinician's outcome and note. Returns how many were closed (0 when
    they were no longer open: already reviewed or withdrawn)."""
    concerns = Concern.objects.open().filter(patient=patient)
    if concern_code is not None:
        concerns = concerns.filter(code=concern_code)
    elif area_code is not None:
        concerns = concerns.filter(area__code=area_code)
    else:
        return 0
    return concerns.update(
        state=Concern.State.REVIEWED,
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
        outcome=outcome,
        note_to_patient=note,
    )


def title(concern) -> str:
    return wording.rule_title(concern.rule, gettext=_)
