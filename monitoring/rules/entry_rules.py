"""The entry rules: each judges one entry against the earlier entries of its area.

A rule takes (entry, state, history, thresholds), where `state` says what came before in the area
(`monitoring.rules.engine.AreaState`), and returns a `Finding` or None. `several_areas` also looks
at the patient's other areas. `any_sign` is the floor the engine adds when no other rule of the
area found anything about the entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from education.vocabulary import Change, History, Sign, Treatment, Urgency, gettext_noop
from monitoring.rules.data import Finding, Observation
from monitoring.rules.findings import (
    first_sign,
    make_finding,
    new_signs,
    newly_present,
    ordered_signs,
)
from monitoring.rules.thresholds import (
    AT_RISK_ARM_SITES,
    EPSILON,
    INFECTION_LIKE,
    OTHER_NEW_SIGNS,
    PATCH_SIGNS,
    SORE_SIGNS,
    UNUSUAL_SIGNS,
    Thresholds,
)


def _cancer_side(history: frozenset[str]) -> set[str]:
    return {
        code.rsplit("_", 1)[1]
        for code in history
        if code.startswith(("mastectomy_", "lumpectomy_"))
    }


def at_risk_sides(history: frozenset[str]) -> set[str]:
    """The arms at risk after lymph-node removal. History has no side for `node_dissection`: the
    side of the breast surgery, or both arms when there is none or both (the safer choice)."""
    if History.NODE_DISSECTION not in history:
        return set()
    sides = _cancer_side(history)
    return sides if len(sides) == 1 else {"left", "right"}


def _infection_pattern(entry: Observation) -> bool:
    return sum(sign in entry.signs for sign in INFECTION_LIKE) >= 2


def _fever(entry, state, history, thresholds):
    if Sign.FEVER not in entry.signs:
        return None
    text = gettext_noop(
        "On {date} you logged a fever with a check of {site}. A fever after breast cancer "
        "treatment can mean an infection. Contact your care team today."
    )
    return make_finding("fever", entry, [text], {"signs": [Sign.FEVER]})


def fever_elsewhere(entry: Observation, fever: Observation) -> Finding | None:
    """Redness, heat or swelling on `entry` near the day of a fever logged on another area."""
    skin = [s for s in INFECTION_LIKE if s in entry.signs]
    if not skin:
        return None
    text = gettext_noop(
        "On {date} you logged {signs} on {site}, and a fever on {fever_date}. Together they can "
        "mean an infection. Contact your care team today."
    )
    facts = {"signs": skin, "fever_date": fever.date.isoformat(), "fever_site": fever.site}
    return make_finding("fever", entry, [text], facts, warning_sign=Sign.FEVER)


def _possible_infection(entry, state, history, thresholds):
    if not _infection_pattern(entry):
        return None
    skin = [s for s in INFECTION_LIKE if s in entry.signs]
    text = gettext_noop(
        "On {date} you logged {signs} on {site}. Together these can mean an infection, even "
        "without a fever, and redness can be hard to see on darker skin. Contact your care team "
        "today."
    )
    return make_finding("possible_infection", entry, [text], {"signs": skin})


def _antibiotics_worse(entry, state, history, thresholds):
    if entry.treatment != Treatment.ANTIBIOTICS:
        return None
    before = state.previous_sized
    measured = (
        entry.size_mm is not None
        and before is not None
        and entry.size_mm > before.size_mm + EPSILON
    )
    if entry.change != Change.LARGER and not measured:
        return None
    text = gettext_noop(
        "On {date} you were taking antibiotics and {site} was larger than before. A change that "
        "gets worse on antibiotics should be checked today. Contact your care team today."
    )
    facts: dict = {"said_larger": entry.change == Change.LARGER}
    if measured:
        facts.update(from_size=before.size_mm, from_date=before.date.isoformat())
        facts["size"] = entry.size_mm
    return make_finding("antibiotics_worse", entry, [text], facts)


def _band_of_spots(entry, state, history, thresholds):
    if Sign.BAND_ALONG_NERVE not in entry.signs:
        return None
    painful = (entry.pain or 0) > 0 or Sign.RED_PATCH in entry.signs
    if painful:
        text = gettext_noop(
            "On {date} you logged spots in a band on {site}, with pain or redness. This could be "
            "shingles, and its medicine works best in the first 3 days. Contact your care team "
            "today."
        )
    else:
        text = gettext_noop(
            "On {date} you logged spots in a band on {site}. This could be shingles or another "
            "change, and it should be checked soon."
        )
    facts = {"signs": [Sign.BAND_ALONG_NERVE], "pain_or_redness": painful}
    return make_finding(
        "band_of_spots",
        entry,
        [text],
        facts,
        urgency=Urgency.URGENT if painful else Urgency.SOON,
    )


def _at_risk_arm(entry, state, history, thresholds):
    site, _, side = entry.site.rpartition("_")
    if site not in AT_RISK_ARM_SITES or side not in at_risk_sides(history):
        return None
    if _infection_pattern(entry):
        return None  # `possible_infection` (urgent) covers it
    new = newly_present(entry, state.previous, INFECTION_LIKE)
    if not new:
        return None
    text = gettext_noop(
        "On {date} you logged {signs} on {site}. Lymph nodes were taken out on this side, so "
        "this arm is more likely to get an infection, and an infection there needs treatment "
        "the same day. Book a visit within about a week, and contact your care team today if "
        "it spreads, gets hot or you feel unwell."
    )
    return make_finding("at_risk_arm", entry, [text], {"signs": new, "at_risk_side": side})


def _new_lump(entry, state, history, thresholds):
    if not newly_present(entry, state.previous, [Sign.NEW_LUMP]):
        return None
    texts = [
        gettext_noop(
            "On {date} you logged a new lump or bump on {site}. A new lump after breast cancer "
            "should be checked soon."
        )
    ]
    facts: dict = {"signs": [Sign.NEW_LUMP]}
    side = entry.site.rsplit("_", 1)[1] if entry.site.startswith(("chest_wall_", "scar_")) else None
    if side and side in _cancer_side(history):
        texts.append(
            gettext_noop(
                "It is on the same side as your first breast cancer: say so when you tell your "
                "care team."
            )
        )
        facts["same_side_as_cancer"] = True
    return make_finding("new_lump", entry, texts, facts)


def _grew(size: float, base: float, thresholds: Thresholds) -> bool:
    by_mm = size - base >= thresholds.growth_mm - EPSILON
    by_percent = base > 0 and (size - base) * 100 >= thresholds.growth_percent * base - EPSILON
    return by_mm or by_percent


def _growth(entry, state, history, thresholds):
    """v2: against the size at the last review, or else the area's first measured size."""
    said_larger = entry.change == Change.LARGER and bool(entry.signs)
    base = state.baseline_size()
    grown = (
        entry.size_mm is not None and base is not None and _grew(entry.size_mm, base[0], thresholds)
    )
    if not grown and not said_larger:
        return None
    facts: dict = {
        "said_larger": said_larger,
        "growth_mm": thresholds.growth_mm,
        "growth_percent": thresholds.growth_percent,
    }
    if grown:
        text = gettext_noop(
            "The size went from {from_size} mm on {from_date} to {size} mm on {date}. A change "
            "that grows should be checked soon."
        )
        facts.update(from_size=base[0], from_date=base[1].isoformat(), size=entry.size_mm)
    else:
        text = gettext_noop(
            "On {date} you said it looked bigger than before. A change that grows should be "
            "checked soon."
        )
    return make_finding("growth", entry, [text], facts, warning_sign=first_sign(entry))


def _newly_logged(code: str, group: Sequence[str], text: str):
    """A rule that fires when a sign of `group` is in the entry but was not in the area's
    previous entry, naming those signs; its education page is the first of them. Redness, heat
    and swelling are left to `possible_infection` when two of them are there."""

    def rule(entry, state, history, thresholds):
        new = newly_present(entry, state.previous, group)
        if _infection_pattern(entry):
            new = [sign for sign in new if sign not in INFECTION_LIKE]
        if not new:
            return None
        return make_finding(code, entry, [text], {"signs": new}, warning_sign=new[0])

    rule.__name__ = f"_{code}"
    return rule


_new_patch = _newly_logged(
    "new_patch",
    PATCH_SIGNS,
    gettext_noop(
        "On {date} you logged {signs} on {site}. A new red or raised patch after breast cancer "
        "can look like a rash or an infection, and it should be checked soon."
    ),
)
_new_sore = _newly_logged(
    "new_sore",
    SORE_SIGNS,
    gettext_noop(
        "On {date} you logged {signs} on {site}. Skin that breaks open, bleeds or leaks fluid "
        "should be checked soon."
    ),
)
_unusual_form = _newly_logged(
    "unusual_form",
    UNUSUAL_SIGNS,
    gettext_noop(
        "On {date} you logged {signs} on {site}. These less common changes can look harmless, "
        "but they should be checked soon."
    ),
)
_new_sign_only = _newly_logged(
    "new_sign",
    OTHER_NEW_SIGNS,
    gettext_noop(
        "On {date} you logged {signs} on {site}. Anything newly seen after breast cancer should "
        "be checked soon."
    ),
)


def _new_sign(entry, state, history, thresholds):
    if _at_risk_arm(entry, state, history, thresholds) is not None:
        return None  # the at-risk arm rule says it, with its reason
    return _new_sign_only(entry, state, history, thresholds)


RADIATED_SITES = ("chest_wall_", "breast_", "scar_")


def _colour_change(entry, state, history, thresholds):
    """v2: a change of colour newly seen, the area's first check included."""
    if not newly_present(entry, state.previous, [Sign.DISCOLOURED]):
        return None
    texts = [
        gettext_noop(
            "On {date} you logged a change of colour on {site}. A patch that changes colour "
            "should be checked soon."
        )
    ]
    facts: dict = {"signs": [Sign.DISCOLOURED]}
    if History.CHEST_WALL_RADIATION in history and entry.site.startswith(RADIATED_SITES):
        texts.append(
            gettext_noop(
                "This skin had radiation. A patch there can look like a bruise, even years "
                "later, and it still needs checking."
            )
        )
        facts["radiated_skin"] = True
    return make_finding("colour_change", entry, texts, facts)


def _pain_or_itch(entry, state, history, thresholds):
    texts: list[str] = []
    facts: dict = {"symptom_score": thresholds.symptom_score, "pain_rise": thresholds.pain_rise}
    if entry.pain is not None and entry.pain >= thresholds.symptom_score:
        texts.append(gettext_noop("On {date} you rated your pain {pain} out of 10."))
        facts["pain"] = entry.pain
    if entry.itch is not None and entry.itch >= thresholds.symptom_score:
        texts.append(gettext_noop("On {date} you rated your itch {itch} out of 10."))
        facts["itch"] = entry.itch
    before = state.previous_pain
    if (
        entry.pain is not None
        and before is not None
        and entry.pain - before.pain >= thresholds.pain_rise
    ):
        texts.append(
            gettext_noop(
                "Your pain went from {previous_pain} on {previous_date} to {pain} on {date}."
            )
        )
        facts.update(
            pain=entry.pain, previous_pain=before.pain, previous_date=before.date.isoformat()
        )
    if not texts:
        return None
    texts.append(gettext_noop("Tell your care team about it. There are ways to ease this."))
    facts["nothing_seen"] = not entry.signs  # never raised above next visit (see engine)
    return make_finding("pain_or_itch", entry, texts, facts)


def _new_change(entry, state, history, thresholds):
    if entry.signs or entry.change not in (Change.NEW, Change.LARGER):
        return None
    text = gettext_noop(
        "On {date} you said there was a change on {site} that is new or bigger, without ticking "
        "what you see. Show it to your care team at your next visit, or sooner if it worries you."
    )
    return make_finding("new_change", entry, [text], {"change": entry.change})


def any_sign(entry: Observation) -> Finding:
    text = gettext_noop(
        "On {date} you logged {signs} on {site}. Any skin change after breast cancer, even "
        "years later, is worth showing to your care team."
    )
    return make_finding("any_sign", entry, [text], {"signs": ordered_signs(entry.signs)})


def several_areas(entry, state, others, thresholds):
    new = new_signs(entry, state.previous)
    if not new:
        return None
    window = thresholds.several_areas_window_days
    first_day = date.fromordinal(entry.date.toordinal() - window)
    recent = [o for o in others.between(first_day, entry.date) if o.area != entry.area]
    areas = {o.area for o in recent}
    if len(areas) + 1 < thresholds.several_areas_count:
        return None
    latest = recent[-1]
    text = gettext_noop(
        "You logged new signs on {site} on {date}, and on {other_site} on {other_date}. New "
        "changes in more than one place within {window_days} days should be checked soon."
    )
    facts = {
        "signs": ordered_signs(new),
        "other_site": latest.site,
        "other_date": latest.date.isoformat(),
        "other_areas": sorted(areas),
        "window_days": window,
    }
    return make_finding("several_areas", entry, [text], facts, warning_sign=ordered_signs(new)[0])


LOCAL_ENTRY_RULES = (
    _fever,
    _possible_infection,
    _antibiotics_worse,
    _band_of_spots,
    _at_risk_arm,
    _new_lump,
    _new_patch,
    _growth,
    _new_sore,
    _unusual_form,
    _colour_change,
    _new_sign,
    _pain_or_itch,
    _new_change,
)
