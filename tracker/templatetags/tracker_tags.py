from django import template

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
