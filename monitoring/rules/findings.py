"""Helpers the rules share: which signs are new, their order, and building a `Finding`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from education.vocabulary import Change, Sign
from monitoring.rules.catalogue import RULES
from monitoring.rules.data import Finding, Observation


def new_signs(entry: Observation, previous: Observation | None) -> frozenset[str]:
    """Signs not in the area's previous entry; all signs when the patient says the change is new."""
    if entry.change == Change.NEW or previous is None:
        return entry.signs
    return entry.signs - previous.signs


def newly_present(
    entry: Observation, previous: Observation | None, group: Sequence[str]
) -> list[str]:
    """The signs of `group` in `entry` that the area's previous entry did not have."""
    before = previous.signs if previous else frozenset()
    return [sign for sign in group if sign in entry.signs and sign not in before]


SIGN_ORDER = {sign: n for n, sign in enumerate(Sign)}


def ordered_signs(signs: Iterable[str]) -> list[str]:
    """Signs in the vocabulary's order (unknown codes last)."""
    return sorted(signs, key=lambda s: SIGN_ORDER.get(s, len(SIGN_ORDER)))


def first_sign(entry: Observation) -> str | None:
    ordered = ordered_signs(entry.signs)
    return ordered[0] if ordered else None


def make_finding(
    code: str,
    entry: Observation,
    templates: Sequence[str],
    facts: dict,
    warning_sign: str | None = None,
    urgency: str | None = None,
) -> Finding:
    rule = RULES[code]
    base = {"date": entry.date.isoformat(), "site": entry.site}
    return Finding(
        rule=rule.code,
        version=rule.version,
        urgency=urgency or rule.urgency,
        kind=rule.kind,
        area=entry.area,
        entry_key=entry.key,
        date=entry.date,
        warning_sign=warning_sign or rule.warning_sign or first_sign(entry),
        templates=tuple(templates),
        facts={**base, **facts},
    )
