"""The time rules: they judge an area's latest entry on `today` (see monitoring.rules.engine).

A rule takes (entries, today, thresholds), the area's entries up to `today` oldest first, and
returns a `Finding` about the latest entry, or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from education.vocabulary import Change, Treatment, gettext_noop
from monitoring.rules.data import Observation
from monitoring.rules.findings import make_finding, ordered_signs
from monitoring.rules.thresholds import INFECTION_LIKE


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


def _got_better(entry: Observation) -> bool:
    return entry.change in (Change.SMALLER, Change.GONE)


def _antibiotics_not_better(entries, today, thresholds):
    latest = entries[-1]
    redness = [s for s in INFECTION_LIKE if s in latest.signs]
    if latest.treatment != Treatment.ANTIBIOTICS or not redness or _got_better(latest):
        return None
    since = _treatment_start(entries, Treatment.ANTIBIOTICS)
    days = (today - since).days
    if days < thresholds.antibiotics_days:
        return None
    text = gettext_noop(
        "You started antibiotics on {since_date}. On {as_of_date}, {days} days later, your last "
        "entry ({date}) still showed {signs} that was not getting smaller. If antibiotics do not "
        "help, this should be checked soon."
    )
    facts = {
        "signs": redness,
        "since_date": since.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "change": latest.change,
        "antibiotics_days": thresholds.antibiotics_days,
    }
    return make_finding("antibiotics_not_better", latest, [text], facts, warning_sign=redness[0])


def _cream_not_better(entries, today, thresholds):
    latest = entries[-1]
    if latest.treatment != Treatment.CREAM or _got_better(latest):
        return None
    since = _treatment_start(entries, Treatment.CREAM)
    days = (today - since).days
    if days < thresholds.cream_days:
        return None
    text = gettext_noop(
        "You started a cream or ointment on {since_date}. On {as_of_date}, {days} days later, "
        "your last entry ({date}) did not say the area was getting smaller or had gone. A change "
        "that does not get better with a cream should be checked soon."
    )
    facts = {
        "since_date": since.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "change": latest.change,
        "cream_days": thresholds.cream_days,
    }
    return make_finding("cream_not_better", latest, [text], facts)


def _shows_change(entry: Observation) -> bool:
    """For `persistent_change`: a sign, or any itching (the patient may tick no sign for it)."""
    return bool(entry.signs) or (entry.itch is not None and entry.itch > 0)


def _persistent_change(entries, today, thresholds):
    latest = entries[-1]
    if not _shows_change(latest):
        return None
    first = latest
    for entry in reversed(entries):
        if not _shows_change(entry):
            break
        first = entry
    days = (today - first.date).days
    if days < thresholds.persistence_days:
        return None
    if latest.signs:
        text = gettext_noop(
            "You first logged this change on {first_date}. On {as_of_date}, {days} days later, "
            "your last entry ({date}) still showed {signs}. A change that does not go away "
            "should be checked soon."
        )
    else:
        text = gettext_noop(
            "You first logged itching here on {first_date}. On {as_of_date}, {days} days later, "
            "your last entry ({date}) still gave it {itch} out of 10. Itching that does not go "
            "away should be checked soon."
        )
    facts = {
        "signs": ordered_signs(latest.signs),
        "itch": latest.itch,
        "first_date": first.date.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "persistence_days": thresholds.persistence_days,
    }
    return make_finding("persistent_change", latest, [text], facts)


TIME_RULES = (_antibiotics_not_better, _cream_not_better, _persistent_change)
