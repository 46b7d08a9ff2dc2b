"""The one place that decides who may see or change a patient's log.

Every view that reads or writes patient data fetches its object through these helpers, on its first
line. They look the object up by its public code in a queryset already narrowed to what the user
may see, so anyone else gets a 404 and learns nothing.
"""

from django.shortcuts import get_object_or_404

from tracker.models import Entry, WatchedArea


def areas_for(user, *, write=False):
    """Watched areas `user` may read (or, with write=True, change)."""
    return WatchedArea.objects.owned_by(user)


def entries_for(user, *, write=False):
    return Entry.objects.owned_by(user)


def get_area_for_user(user, code, *, write=False):
    return get_object_or_404(areas_for(user, write=write).select_related("patient"), code=code)


def get_entry_for_user(user, code, *, write=False):
    return get_object_or_404(
        entries_for(user, write=write).select_related("area", "area__patient"), code=code
    )
