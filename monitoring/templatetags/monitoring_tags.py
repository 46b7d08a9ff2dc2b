"""Concerns in templates: "Needs attention", the concerns a check opened or updated, and labels.

tracker's templates load this library; tracker's Python code never imports monitoring.
"""

import re

from django import template
from django.utils.translation import gettext

from education import choices
from education.vocabulary import Sign, Urgency
from monitoring.care import clinician
from monitoring.flags import status as area_status
from monitoring.flags.access import all_urgent, own_open_concerns
from monitoring.models import Concern, ConcernCheck
from monitoring.rules import wording

register = template.Library()

# "Needs attention" on the home page shows this many concerns; the rest are one click away.
HOME_LIMIT = 5


def _phone(patient):
    profile = getattr(patient, "profile", None)
    return profile.care_team_phone if profile else ""


@register.inclusion_tag("monitoring/flags/_needs_attention.html", takes_context=True)
def needs_attention(context):
    """The patient's open concerns, most urgent first then newest, with the urgent box (and the
    "I have contacted my care team" button) while an urgent one is not reviewed."""
    user = context["request"].user
    # The first few (one more says whether there are more), and the urgent ones for the box.
    concerns = own_open_concerns(user)
    shown = list(concerns[: HOME_LIMIT + 1])
    more = len(shown) > HOME_LIMIT
    shown = shown[:HOME_LIMIT]
    if more:
        urgent = all_urgent(shown, concerns)
    else:  # they are all shown
        urgent = [c for c in shown if c.urgency == Urgency.URGENT]
    profile = context.get("profile")
    return {
        "request": context["request"],
        "concerns": shown,
        "more": more,
        "urgent": urgent,
        "contacted_at": min((c.contacted_at for c in urgent if c.contacted_at), default=None)
        if urgent and all(c.contacted_at for c in urgent)
        else None,
        "phone": profile.care_team_phone if profile is not None else _phone(user),
    }


@register.inclusion_tag("monitoring/flags/_entry_findings.html")
def entry_findings(entry):
    """What this check did: the open concerns it opened, updated or raised, most urgent first."""
    links = list(
        ConcernCheck.objects.filter(entry=entry, concern__state=Concern.State.OPEN)
        .select_related("concern", "concern__area")
        .order_by("-concern__urgency", "concern__rule")
    )
    concerns = [link.concern for link in links]
    return {
        "entry": entry,
        "links": links,
        "concerns": concerns,
        "urgent": [c for c in concerns if c.urgency == Urgency.URGENT],
        "phone": _phone(entry.area.patient),
    }


@register.filter
def shown_links(links):
    """The concerns a check opened, updated or raised (already loaded), withdrawn ones left out:
    the timelines prefetch `concern_checks__concern`."""
    return [link for link in links if link.concern.state != Concern.State.WITHDRAWN]


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


@register.simple_tag
def clinical_summary(concern):
    """The concern in clinical words for the care team (site, signs, dates, sizes)."""
    return clinician.clinical_summary(concern)
