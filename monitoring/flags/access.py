"""Who may see which flags: the same people who may see the area (see tracker.access)."""

from monitoring.models import Flag
from tracker.access import areas_for, get_for_user


def flags_for(user):
    """Flags of the areas `user` may read: their own, and those of patients who shared with them."""
    return Flag.objects.filter(area__in=areas_for(user))


def get_flag_for_user(request, code):
    flags = flags_for(request.user).select_related("area", "entry", "patient__profile")
    return get_for_user(request, flags, code, what="flag", patient_path="patient")


def own_open_flags(user):
    """The open flags on `user`'s own areas, highest urgency first ("to raise at my next visit";
    the appointment summary prints the same list)."""
    return (
        flags_for(user)
        .open()
        .filter(patient=user)
        .select_related("area", "entry")
        .order_by("-urgency", "entry__date", "area__name", "rule")
    )
