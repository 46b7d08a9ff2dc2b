from django import template

from tracker.vocabulary import SIGN_HELP

register = template.Library()


@register.filter
def sign_help(code):
    """The one line of help shown under a sign's checkbox."""
    return SIGN_HELP.get(code, "")
