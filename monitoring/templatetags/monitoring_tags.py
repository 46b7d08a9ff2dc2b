"""Flags in templates: the findings after saving an entry, and flags next to timeline entries.

tracker's templates load this library; tracker's Python code never imports monitoring.
"""

import re

from django import template
from django.utils.translation import gettext

from education import choices
from education.vocabulary import Sign, Urgency
from monitoring.flags import status as area_status
from monitoring.models import Flag
from monitoring.rules import wording

register = template.Library()


@register.inclusion_tag("monitoring/flags/_entry_findings.html")
def entry_findings(entry):
    """The findings about `entry` (its open flags), highest urgency first, with what to do."""
    flags = list(entry.flags.open().by_urgency())
    patient = entry.area.patient
    profile = getattr(patient, "profile", None)
    return {
        "entry": entry,
        "flags": flags,
        "urgent": [f for f in flags if f.urgency == Urgency.URGENT],
        "phone": profile.care_team_phone if profile else "",
    }


@register.filter
def open_flags(flags):
    """The open ones among already loaded flags (the timelines prefetch `flags`)."""
    return [flag for flag in flags if flag.state == Flag.State.OPEN]


@register.filter
def rule_title(code):
    """The short plain title of a rule code ("Getting bigger"), in the reader's language."""
    return wording.rule_title(code, gettext=gettext)


@register.filter
def tel_href(phone):
    """A phone number as a `tel:` URL: digits and a leading +, nothing else."""
    phone = str(phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}"


# Bootstrap's colour for each urgency (badges, card borders); anything else is grey.
_URGENCY_COLOURS = {Urgency.URGENT: "danger", Urgency.SOON: "warning"}


@register.filter
def urgency_colour(code):
    """The Bootstrap colour name of an urgency code: `text-bg-{{ code|urgency_colour }}`."""
    return _URGENCY_COLOURS.get(code, "secondary")


@register.filter
def urgency_label(code):
    return choices.label(Urgency, code)


@register.filter
def sign_label(code):
    """The label of a sign code (e.g. for a link that names the sign to a screen reader)."""
    return choices.label(Sign, code)


@register.simple_tag
def with_urgency(areas):
    """`{% with_urgency areas as areas %}`: each area gets `open_urgency`, its most urgent open
    finding ("" when none): for the status on the home cards and the body-map pins."""
    return area_status.with_urgency(areas)
