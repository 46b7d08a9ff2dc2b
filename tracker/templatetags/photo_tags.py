from django import template

from tracker.photos import room_left

register = template.Library()


@register.filter
def photo_room(entry):
    """How many more photos an entry can take (reads prefetched photos: no extra query)."""
    return room_left(entry)


@register.filter
def any_photos(entries):
    """True when any of these entries has a photo (reads prefetched photos: no extra query)."""
    return any(entry.photos.all() for entry in entries)
