from django import template

from tracker.vocabulary import SIGN_HELP, Change

register = template.Library()


@register.filter
def sign_help(code):
    """The one line of help shown under a sign's checkbox."""
    return SIGN_HELP.get(code, "")


@register.filter
def timedelta_minutes(delta):
    """A timedelta as whole minutes, rounded up (for 'please wait N minutes')."""
    return -(-int(delta.total_seconds()) // 60)


@register.filter
def change_label(code):
    """The plain label of a `change` code ("larger" → "It got bigger"); empty when unknown."""
    return Change(code).label if code in Change.values else ""
