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
- numbers: 6.0 is shown as "6".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol


def gettext_noop(message: str) -> str:
    """Mark a string for translation (``makemessages`` finds it); translated when rendered."""
    return message


_ = gettext_noop

SITE_PHRASES = {
    "chest_wall_left": _("your left chest wall"),
    "chest_wall_right": _("your right chest wall"),
    "scar_left": _("your left surgery scar"),
    "scar_right": _("your right surgery scar"),
    "breast_left": _("your left breast"),
    "breast_right": _("your right breast"),
    "supraclavicular_left": _("the area above your left collarbone"),
    "supraclavicular_right": _("the area above your right collarbone"),
    "neck": _("your neck"),
    "upper_arm_left": _("your left upper arm"),
    "upper_arm_right": _("your right upper arm"),
    "armpit_left": _("your left armpit"),
    "armpit_right": _("your right armpit"),
    "scalp": _("your scalp"),
    "abdomen": _("your belly"),
    "back": _("your back"),
    "thigh_left": _("your left thigh"),
    "thigh_right": _("your right thigh"),
    "other": _("the area you are watching"),
}
SIGN_PHRASES = {
    "new_lump": _("a new lump or bump"),
    "firm": _("a firm or hard spot"),
    "raised_patch": _("a raised patch"),
    "red_patch": _("redness or a rash"),
    "discoloured": _("a change of colour"),
    "open_sore": _("an open sore"),
    "bleeding": _("bleeding"),
    "weeping": _("fluid coming out"),
    "thickened": _("thick, tight or hard skin"),
    "spider_veins": _("fine lines like spider veins"),
    "band_along_nerve": _("spots in a band, like shingles"),
    "dimpled": _("skin like orange peel"),
    "swelling": _("swelling"),
    "warm": _("skin that feels hot"),
    "fever": _("a fever"),
}
# A short plain title per rule (code), for lists where the full reason is one click away.
RULE_TITLES = {
    "possible_infection": _("Possible infection"),
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
    "gone_stops_time_rules": _("Marked as gone"),
}
_OTHER_TITLE = _("Something to raise")
HISTORY_PHRASES = {
    "inflammatory": _("inflammatory breast cancer"),
    "triple_negative": _("triple-negative breast cancer"),
}
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
        return gettext(SITE_PHRASES.get(str(value), str(value)))
    if name == "signs":
        return _join([gettext(SIGN_PHRASES.get(s, s)) for s in value], gettext)
    if name == "history":
        return _join([gettext(HISTORY_PHRASES.get(h, h)) for h in value], gettext)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _join(items: list[str], gettext) -> str:
    if len(items) < 2:
        return "".join(items)
    return gettext(_AND).format(items=", ".join(items[:-1]), last=items[-1])
