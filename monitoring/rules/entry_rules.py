"""The entry rules: each judges one entry against the earlier entries of its area.

A rule takes (entry, state, history, thresholds), where `state` says what came before in the area
(`monitoring.rules.engine.AreaState`), and returns a `Finding` or None. `several_areas` also looks
at the patient's other areas. `any_sign` is the floor the engine adds when no other rule of the
area found anything about the entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from education.vocabulary import Change, Sign, gettext_noop
from monitoring.rules.data import Finding, Observation
from monitoring.rules.findings import (
    first_sign,
    make_finding,
    new_signs,
    newly_present,
    ordered_signs,
)
from monitoring.rules.thresholds import (
    EPSILON,
    INFECTION_LIKE,
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


def _possible_infection(entry, state, history, thresholds):
    if Sign.FEVER not in entry.signs:
        return None
    skin = [s for s in INFECTION_LIKE if s in entry.signs]
    if not skin:
        return None
    text = gettext_noop(
        "On {date} you logged {signs} on {site}, together with a fever. This could be an "
        "infection. Contact your care team today."
    )
    return make_finding("possible_infection", entry, [text], {"signs": skin, "fever": True})


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
                "It is on the same side as your first breast cancer. That is where skin changes "
                "most often come back."
            )
        )
        facts["same_side_as_cancer"] = True
    return make_finding("new_lump", entry, texts, facts)


def _grew(size: float, base: float, thresholds: Thresholds) -> bool:
    by_mm = size - base >= thresholds.growth_mm - EPSILON
    by_percent = base > 0 and (size - base) * 100 >= thresholds.growth_percent * base - EPSILON
    return by_mm or by_percent


def _growth(entry, state, history, thresholds):
    said_larger = entry.change == Change.LARGER
    compared = None
    if entry.size_mm is not None:
        bases = [b for b in (state.first_sized, state.previous_sized) if b is not None]
        grown = [b for b in bases if _grew(entry.size_mm, b.size_mm, thresholds)]
        if grown:
            compared = min(grown, key=lambda b: b.size_mm)  # quote the biggest jump
    if compared is None and not said_larger:
        return None
    facts = {
        "said_larger": said_larger,
        "growth_mm": thresholds.growth_mm,
        "growth_percent": thresholds.growth_percent,
    }
    if compared is not None:
        text = gettext_noop(
            "The size went from {from_size} mm on {from_date} to {size} mm on {date}. A change "
            "that grows should be checked soon."
        )
        facts.update(
            from_size=compared.size_mm, from_date=compared.date.isoformat(), size=entry.size_mm
        )
    else:
        text = gettext_noop(
            "On {date} you said it looked bigger than before. A change that grows should be "
            "checked soon."
        )
    return make_finding("growth", entry, [text], facts, warning_sign=first_sign(entry))


def _newly_logged(code: str, group: Sequence[str], text: str):
    """A rule that fires when a sign of `group` is in the entry but was not in the area's
    previous entry, naming those signs; its education page is the first of them."""

    def rule(entry, state, history, thresholds):
        new = newly_present(entry, state.previous, group)
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


def _colour_change(entry, state, history, thresholds):
    previous = state.previous
    if previous is None or not newly_present(entry, previous, [Sign.DISCOLOURED]):
        return None
    text = gettext_noop(
        "On {date} you logged a change of colour on {site}. Your entry on {previous_date} did "
        "not show one. A patch that changes colour should be checked soon."
    )
    facts = {"signs": [Sign.DISCOLOURED], "previous_date": previous.date.isoformat()}
    return make_finding("colour_change", entry, [text], facts)


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
    return make_finding("pain_or_itch", entry, texts, facts)


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
    _possible_infection,
    _new_lump,
    _new_patch,
    _growth,
    _new_sore,
    _unusual_form,
    _colour_change,
    _pain_or_itch,
)
