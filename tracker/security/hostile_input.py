"""Refuse requests with a NUL byte or an over-long value anywhere before any view, query or log
line sees them: PostgreSQL cannot store a NUL in text, and no field of ours is this long."""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

# Longer than any field of ours (notes are the longest, a few thousand characters), so a real
# form never meets it; the forms' own limits give their messages below this.
MAX_VALUE_LENGTH = 20_000
MAX_PATH_LENGTH = 2_000
NUL = "\x00"


def is_hostile(value: str, *, limit: int = MAX_VALUE_LENGTH) -> bool:
    return NUL in value or len(value) > limit


def hostile_request(request) -> bool:
    if is_hostile(request.path, limit=MAX_PATH_LENGTH):
        return True
    if any(is_hostile(key) or is_hostile(v) for key, v in _values(request.GET)):
        return True
    if request.method == "POST" and _is_form(request):
        return any(is_hostile(key) or is_hostile(v) for key, v in _values(request.POST))
    return False


def _is_form(request):
    kind = request.META.get("CONTENT_TYPE", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def _values(query_dict):
    for key, values in query_dict.lists():
        for value in values:
            yield key, value


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if hostile_request(request):
            return HttpResponseBadRequest(render_to_string("400.html", request=None))
        return self.get_response(request)
