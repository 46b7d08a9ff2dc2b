"""The time rules: they judge an area's latest check on `today` (see monitoring.rules.engine).

A rule takes (entries, today, thresholds, reviewed_on): the area's checks up to `today` oldest
first, and the date of the area's last review (None if never reviewed): clocks start again from
a review. It returns a `Finding` about the latest check, or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from education.vocabulary import Change, Treatment, gettext_noop
from monitoring.rules.data import Observation
from monitoring.rules.findings import make_finding, ordered_signs


def _treatment_start(entries: Sequence[Observation], treatment: str) -> date:
    """When the latest entry's treatment began: its `treatment_since`, or else the date of the
    first entry of the unbroken run of latest entries that logged the same treatment."""
    latest = entries[-1]
    if latest.treatment_since is not None:
        return latest.treatment_since
    start = latest.date
    for entry in reversed(entries):
        if entry.treatment != treatment:
            break
        start = entry.date
    return start


def _since(start: date, reviewed_on: date | None) -> date:
    return max(start, reviewed_on) if reviewed_on is not None else start


def _got_better(entry: Observation) -> bool:
    return entry.change in (Change.SMALLER, Change.GONE)


def _antibiotics_not_better(entries, today, thresholds, reviewed_on=None):
    """v2 (NICE NG141 1.1.6: reassess if not improving within 2 to 3 days): urgent."""
    latest = entries[-1]
    if latest.treatment != Treatment.ANTIBIOTICS or not latest.signs or _got_better(latest):
        return None
    since = _since(_treatment_start(entries, Treatment.ANTIBIOTICS), reviewed_on)
    days = (today - since).days
    if days < thresholds.antibiotics_days:
        return None
    text = gettext_noop(
        "You were taking antibiotics from {since_date}. On {as_of_date}, {days} days later, your "
        "last check ({date}) still showed {signs}, not getting smaller. Antibiotics should help "
        "within 2 to 3 days. Contact your care team today."
    )
    signs = ordered_signs(latest.signs)
    facts = {
        "signs": signs,
        "since_date": since.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "change": latest.change,
        "antibiotics_days": thresholds.antibiotics_days,
    }
    return make_finding("antibiotics_not_better", latest, [text], facts, warning_sign=signs[0])


def _cream_not_better(entries, today, thresholds, reviewed_on=None):
    """v2: only a sign being treated (a moisturiser on skin with nothing seen raises nothing)."""
    latest = entries[-1]
    if latest.treatment != Treatment.CREAM or not latest.signs or _got_better(latest):
        return None
    since = _since(_treatment_start(entries, Treatment.CREAM), reviewed_on)
    days = (today - since).days
    if days < thresholds.cream_days:
        return None
    text = gettext_noop(
        "You started a cream or ointment on {since_date}. On {as_of_date}, {days} days later, "
        "your last check ({date}) still showed {signs}, not getting smaller. A change that does "
        "not get better with a cream should be checked soon."
    )
    facts = {
        "signs": ordered_signs(latest.signs),
        "since_date": since.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "change": latest.change,
        "cream_days": thresholds.cream_days,
    }
    return make_finding("cream_not_better", latest, [text], facts)


def _run_start(entries: Sequence[Observation], belongs) -> date:
    first = entries[-1]
    for entry in reversed(entries):
        if not belongs(entry):
            break
        first = entry
    return first.date


def _persistent_change(entries, today, thresholds, reviewed_on=None):
    """v3: visible signs only, counted from the first check of the run (or the last review)."""
    latest = entries[-1]
    if not latest.signs:
        return None
    first = _since(_run_start(entries, lambda e: bool(e.signs)), reviewed_on)
    days = (today - first).days
    if days < thresholds.persistence_days:
        return None
    text = gettext_noop(
        "You first logged this change on {first_date}. On {as_of_date}, {days} days later, your "
        "last check ({date}) still showed {signs}. A change that does not go away should be "
        "checked soon."
    )
    facts = {
        "signs": ordered_signs(latest.signs),
        "first_date": first.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "persistence_days": thresholds.persistence_days,
    }
    return make_finding("persistent_change", latest, [text], facts)


def _has_symptoms(entry: Observation) -> bool:
    return (entry.pain or 0) > 0 or (entry.itch or 0) > 0


def _lasting_symptoms(entries, today, thresholds, reviewed_on=None):
    """Pain or itching with nothing seen, however long: next visit, never higher."""
    latest = entries[-1]
    if latest.signs or not _has_symptoms(latest):
        return None
    first = _since(_run_start(entries, _has_symptoms), reviewed_on)
    days = (today - first).days
    if days < thresholds.persistence_days:
        return None
    text = gettext_noop(
        "You first logged pain or itching here on {first_date}, with nothing to see. On "
        "{as_of_date}, {days} days later, your last check ({date}) still had it. Mention it at "
        "your next visit: there are ways to ease it."
    )
    facts = {
        "pain": latest.pain,
        "itch": latest.itch,
        "first_date": first.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "persistence_days": thresholds.persistence_days,
        "nothing_seen": True,
    }
    return make_finding("lasting_symptoms", latest, [text], facts)


TIME_RULES = (_antibiotics_not_better, _cream_not_better, _persistent_change, _lasting_symptoms)
