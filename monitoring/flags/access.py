"""Who may see which concerns: the same people who may see the area (see tracker.access)."""

from education.vocabulary import Urgency
from monitoring.models import Concern
from tracker.access import areas_for, get_for_user


def concerns_for(user):
    """Concerns of the areas `user` may read: their own, and those of patients who shared them."""
    return Concern.objects.filter(area__in=areas_for(user))


def get_concern_for_user(request, code):
    concerns = concerns_for(request.user).select_related(
        "area", "latest_entry", "first_entry", "patient__profile", "reviewed_by"
    )
    return get_for_user(request, concerns, code, what="flag", patient_path="patient")


def own_open_concerns(user):
    """The open concerns on `user`'s own areas, most urgent first, then newest ("to raise";
    the home page and the visit summary show the same list)."""
    return (
        concerns_for(user)
        .open()
        .filter(patient=user)
        .select_related("area", "latest_entry")
        .by_urgency()
    )


def all_urgent(shown, concerns, *, shown_from_start=True):
    """Every urgent concern of `concerns` (ordered by `by_urgency`), given `shown`, the slice of
    it on the page. Urgent ones sort first, so a slice from the start that ends with a less
    urgent one already holds them all (no query); otherwise one query."""
    shown = list(shown)
    if shown_from_start and (not shown or shown[-1].urgency != Urgency.URGENT):
        return [c for c in shown if c.urgency == Urgency.URGENT]
    return list(concerns.filter(urgency=Urgency.URGENT))
