"""Plain-language wording of findings, kept pure (no Django import).

A finding carries English sentence templates with ``{name}`` slots and JSON-ready facts.
`render_reason` fills the slots. The caller chooses the language by passing `gettext` (Django's
``gettext`` in the service and views) and `format_date` (e.g. ``django.utils.formats.date_format``);
the defaults give English, which the scenario harness prints.

Slot conventions (by fact name):
- ``date`` and names ending in ``_date``: ISO date strings, shown with `format_date`;
- ``site`` and names ending in ``_site``: site codes, shown as "your left scar";
- ``signs``: a list of sign codes, shown as "a new lump or bump and bleeding";
- ``history``: a list of history codes, shown as "inflammatory breast cancer";
(the phrases of sites, signs and history are in `education.vocabulary`, with the codes)
- numbers: 6.0 is shown as "6".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from education.vocabulary import Code, History, Sign, Site, gettext_noop

_ = gettext_noop

# A short plain title per rule (code), for lists where the full reason is one click away.
RULE_TITLES = {
    "fever": _("A fever"),
    "possible_infection": _("Possible infection"),
    "antibiotics_worse": _("Worse on antibiotics"),
    "band_of_spots": _("Spots in a band, like shingles"),
    "at_risk_arm": _("A change in the at-risk arm"),
    "new_sign": _("Something newly seen"),
    "new_change": _("A new change, nothing ticked"),
    "lasting_symptoms": _("Pain or itching that lasts"),
    "gone_lowers": _("It went away"),
    "new_lump": _("A new lump"),
    "new_patch": _("A new red or raised patch"),
    "growth": _("Getting bigger"),
    "new_sore": _("A new sore, bleeding or fluid"),
    "unusual_form": _("An unusual skin change"),
    "colour_change": _("A change of colour"),
    "several_areas": _("Changes in more than one place"),
    "antibiotics_not_better": _("Not better on antibiotics"),
    "cream_not_better": _("Not better with a cream"),
    "persistent_change": _("Still there after some weeks"),
    "pain_or_itch": _("Pain or itching"),
    "any_sign": _("A skin change to mention"),
    "history_raises": _("Raised because of your history"),
}
# What each rule looks for, in plain words for patients (the /rules/ page; about grade 8).
RULE_PLAIN = {
    "fever": _("You have a fever. Or you have red, hot or swollen skin within a day of a fever."),
    "possible_infection": _("Two of these in one place: red skin, hot skin, swelling."),
    "antibiotics_worse": _("You take antibiotics and the change gets bigger."),
    "antibiotics_not_better": _(
        "You have taken antibiotics for {antibiotics_days} days and the change is no smaller."
    ),
    "band_of_spots": _(
        "Spots in a strip on one side, with pain or red skin. Without pain or redness: book a "
        "visit."
    ),
    "at_risk_arm": _(
        "Red, hot or swollen skin on the arm where lymph nodes were taken out. That arm gets "
        "infections more easily."
    ),
    "new_lump": _("A new lump or bump."),
    "new_patch": _("A new red patch, rash or raised patch."),
    "new_sore": _("A new sore, bleeding or fluid."),
    "unusual_form": _("New thick skin, fine red lines, or skin like orange peel."),
    "colour_change": _(
        "A new change of colour. On skin that had radiation it can look like a bruise, and it "
        "still needs a check."
    ),
    "new_sign": _("A new firm spot, swelling, hot skin, or a patch where hair stopped growing."),
    "growth": _("It grows by {growth_mm} mm or more, or you say it got bigger."),
    "several_areas": _("New changes in {several_areas_count} or more places within a month."),
    "cream_not_better": _("You have used a cream for {cream_days} days and it is no better."),
    "persistent_change": _("Something you can see is still there after {persistence_days} days."),
    "lasting_symptoms": _(
        "Pain or itching with nothing to see that lasts {persistence_days} days."
    ),
    "pain_or_itch": _(
        "Pain or itching of {symptom_score} out of 10 or more, or pain that got worse."
    ),
    "new_change": _("You say something is new or bigger but tick nothing."),
    "any_sign": _("Any other sign you tick."),
}
_OTHER_TITLE = _("Something to raise")
_AND = _("{items} and {last}")
MONTHS = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
del _


class _Reasoned(Protocol):
    templates: tuple[str, ...]
    facts: dict


def rule_title(code: str, *, gettext: Callable[[str], str] = gettext_noop) -> str:
    """The rule's short title in plain words ("Getting bigger"); a general one for an unknown
    code (a flag of a rule since removed)."""
    return gettext(RULE_TITLES.get(code, _OTHER_TITLE))


def english_date(day: date) -> str:
    """ "2 March 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def render_reason(
    finding: _Reasoned,
    *,
    gettext: Callable[[str], str] = gettext_noop,
    format_date: Callable[[date], str] = english_date,
) -> str:
    """The finding's reason in plain words: each template translated, then filled from facts."""
    values = {
        name: _show(name, value, gettext, format_date) for name, value in finding.facts.items()
    }
    return " ".join(gettext(template).format(**values) for template in finding.templates)


def _show(name: str, value: object, gettext, format_date) -> object:
    if value is None:
        return ""
    if name == "date" or name.endswith("_date"):
        return format_date(date.fromisoformat(str(value)))
    if name == "site" or name.endswith("_site"):
        return _phrase(Site, value, gettext)
    if name == "signs":
        return _join([_phrase(Sign, s, gettext) for s in value], gettext)
    if name == "history":
        return _join([_phrase(History, h, gettext) for h in value], gettext)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _phrase(codes: type[Code], code: object, gettext) -> str:
    """A code's phrase in a sentence ("your left chest wall"); the code itself if it has none."""
    member = codes.get(code)
    return gettext(member.phrase) if member is not None and member.phrase else str(code)


def _join(items: list[str], gettext) -> str:
    if len(items) < 2:
        return "".join(items)
    return gettext(_AND).format(items=", ".join(items[:-1]), last=items[-1])
