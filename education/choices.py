"""The shared codes of `education.vocabulary`, for Django: field choices and translated labels.

The vocabulary itself stays pure (the rules use it); this small module is where its English labels
meet Django's translation. Model and form fields take `choices(...)`, which translates lazily (in
each reader's language, when shown); Python code and template filters take `label(...)`.
"""

from django.utils.translation import gettext, gettext_lazy

from education.vocabulary import SIGN_HELP, Sign


def choices(codes):
    """``[(code, label), ...]`` in the codes' order, for a model or form field."""
    return [(member.value, gettext_lazy(member.label)) for member in codes]


def label(codes, code):
    """The label of `code` in the active language, or "" when it is not one of `codes`."""
    member = codes.get(code)
    return gettext(member.label) if member is not None else ""


def labels(codes, values):
    """The labels of `values` in the order given, skipping anything that is not one of `codes`."""
    return [gettext(member.label) for value in values if (member := codes.get(value)) is not None]


def sign_help(code):
    """The one line of help under a sign's checkbox, or "" for anything else."""
    member = Sign.get(code)
    return gettext(SIGN_HELP[member]) if member is not None else ""
