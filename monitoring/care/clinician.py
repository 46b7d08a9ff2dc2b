"""The clinician's side: the triage list, a patient's timeline, and reviewing a flag."""

from django.db import transaction
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from education.vocabulary import Urgency
from monitoring.models import Flag
from tracker.access import patients_for
from tracker.models import Entry, Role


def triage(*, clinician, urgency="", query=""):
    """The clinician's patients, most urgent open flag first, then oldest open flag, then name.

    One query whatever the number of patients: the counts are aggregates over one join on the open
    flags (the partial index `flag_open_queue_idx`), the last entry a correlated subquery.
    """
    open_flags = Q(flags__state=Flag.State.OPEN)
    last_entry = (
        Entry.objects.filter(area__patient=OuterRef("pk")).order_by("-date").values("date")[:1]
    )
    patients = patients_for(clinician, role=Role.CLINICIAN).annotate(
        n_urgent=Count("flags", filter=open_flags & Q(flags__urgency=Urgency.URGENT)),
        n_soon=Count("flags", filter=open_flags & Q(flags__urgency=Urgency.SOON)),
        n_next_visit=Count("flags", filter=open_flags & Q(flags__urgency=Urgency.NEXT_VISIT)),
        # Urgency codes sort the right way round (see education.vocabulary.Urgency).
        top_urgency=Max("flags__urgency", filter=open_flags),
        oldest_open=Min("flags__raised_at", filter=open_flags),
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
    """A patient's entries across areas, newest first, with their flags and photos preloaded."""
    return (
        entries.select_related("area")
        .prefetch_related(
            Prefetch("flags", queryset=Flag.objects.select_related("reviewed_by")), "photos"
        )
        .order_by("-date", "-created_at")
    )


@transaction.atomic
def review_flag(*, patient, flag_code, reviewer, outcome, note):
    """Close one of `patient`'s open flags with the clinician's outcome. Returns False if it was no
    longer open (already reviewed or withdrawn)."""
    updated = Flag.objects.filter(code=flag_code, patient=patient, state=Flag.State.OPEN).update(
        state=Flag.State.REVIEWED,
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
        outcome=outcome,
        note_to_patient=note,
    )
    return updated == 1
