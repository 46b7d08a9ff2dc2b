from functools import cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape

from education import choices
from education.vocabulary import Change

register = template.Library()


@register.filter
def sign_help(code):
    """The one line of help shown under a sign's checkbox."""
    return choices.sign_help(code)


@register.filter
def timedelta_minutes(delta):
    """A timedelta as whole minutes, rounded up (for 'please wait N minutes')."""
    return -(-int(delta.total_seconds()) // 60)


@register.filter
def change_label(code):
    """The plain label of a `change` code ("larger" → "It got bigger"); empty when unknown."""
    return choices.label(Change, code)


_MARKER = "00000000-0000-4000-8000-000000000000"


@cache
def _code_url_parts(name, prefix, urlconf):
    return reverse(name, args=[_MARKER], urlconf=urlconf).split(_MARKER)


@register.filter
def code_url(code, name):
    """The URL of the view `name` that takes one public UUID `code`:
    `{{ entry.code|code_url:"tracker:entry_edit" }}` is `{% url "tracker:entry_edit" entry.code %}`
    reversed once per process, not once per link (timelines draw hundreds of links, and each
    `{% url %}` costs about half a millisecond)."""
    before, after = _code_url_parts(name, get_script_prefix(), get_urlconf())
    return escape(f"{before}{code}{after}")
