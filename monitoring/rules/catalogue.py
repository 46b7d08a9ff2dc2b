"""The catalogue: every rule the app checks, its version, urgency, education page and source.

The public page /rules/ lists it with the thresholds in use; each flag names its rule and version.
Raise a rule's version when its logic or one of its default numbers changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from education.vocabulary import Sign, Urgency, gettext_noop
from monitoring.rules.data import ENTRY, MODIFIER, TIME
from monitoring.rules.thresholds import DEFAULTS, Thresholds


@dataclass(frozen=True)
class Rule:
    """A catalogue line, for the public rules page and for the flags it produces."""

    code: str
    version: int
    urgency: str | None  # None for a modifier that raises no finding of its own
    kind: str
    warning_sign: str | None  # education page (sign code); None: the sign that was logged
    trigger: str  # plain words, `{threshold}` slots filled by `describe`
    source: str  # section(s) of the source article
    thresholds: tuple[str, ...] = ()

    def describe(self, thresholds: Thresholds = DEFAULTS, gettext: Callable = str) -> str:
        values = {name: _number(getattr(thresholds, name)) for name in self.thresholds}
        return gettext(self.trigger).format(**values)


# --- Catalogue ----------------------------------------------------------------------------------

_ = gettext_noop

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "possible_infection",
        1,
        Urgency.URGENT,
        ENTRY,
        Sign.FEVER,
        _("Redness, heat or swelling logged together with a fever (it could be an infection)."),
        "Diagnostic Challenges and Differential Diagnoses; Integration of Palliative and "
        "Supportive Care",
    ),
    Rule(
        "new_lump",
        1,
        Urgency.SOON,
        ENTRY,
        Sign.NEW_LUMP,
        _("A new lump or bump, anywhere (not in the area's previous entry)."),
        "Clinical Presentation and Diagnosis; Patterns of Spread and Anatomical Sites of "
        "Involvement",
    ),
    Rule(
        "new_patch",
        1,
        Urgency.SOON,
        ENTRY,
        None,  # the patch that was logged: raised_patch or red_patch
        _(
            "A new red patch or rash, or a new raised flat-topped patch (not in the area's "
            "previous entry)."
        ),
        "Clinical Presentation and Diagnosis",
    ),
    Rule(
        "growth",
        1,
        Urgency.SOON,
        ENTRY,
        Sign.NEW_LUMP,
        _(
            "The longest size is up by {growth_mm} mm or more, or by {growth_percent}% or more, "
            "compared with the area's first or previous measurement; or the patient says it is "
            "larger."
        ),
        "Common Mistakes and Delayed Recognition",
        ("growth_mm", "growth_percent"),
    ),
    Rule(
        "new_sore",
        1,
        Urgency.SOON,
        ENTRY,
        Sign.OPEN_SORE,
        _("A new open sore, bleeding or fluid (not in the area's previous entry)."),
        "Clinical Presentation and Diagnosis; Diagnostic Challenges and Differential Diagnoses",
    ),
    Rule(
        "unusual_form",
        1,
        Urgency.SOON,
        ENTRY,
        Sign.THICKENED,
        _(
            "New thick or hard skin, lines like spider veins, spots in a band like shingles, or "
            "skin like orange peel (not in the area's previous entry)."
        ),
        "Rare and Atypical Presentations of Skin Metastases",
    ),
    Rule(
        "colour_change",
        1,
        Urgency.SOON,
        ENTRY,
        Sign.DISCOLOURED,
        _("A change of colour logged when the area's previous entry had none."),
        "Common Mistakes and Delayed Recognition",
    ),
    Rule(
        "several_areas",
        1,
        Urgency.SOON,
        ENTRY,
        None,
        _(
            "New signs in {several_areas_count} or more areas within {several_areas_window_days} "
            "days."
        ),
        "Prognostic Implications and Survival Outcomes; Patterns of Spread and Anatomical Sites "
        "of Involvement",
        ("several_areas_count", "several_areas_window_days"),
    ),
    Rule(
        "antibiotics_not_better",
        1,
        Urgency.SOON,
        TIME,
        Sign.RED_PATCH,
        _(
            "Redness, heat or swelling still not smaller after {antibiotics_days} days or more of "
            "antibiotics."
        ),
        "Clinical Presentation and Diagnosis; Common Mistakes and Delayed Recognition",
        ("antibiotics_days",),
    ),
    Rule(
        "cream_not_better",
        1,
        Urgency.SOON,
        TIME,
        None,
        _(
            "A cream or ointment used for {cream_days} days or more without the area getting "
            "smaller or going away."
        ),
        "Common Mistakes and Delayed Recognition",
        ("cream_days",),
    ),
    Rule(
        "persistent_change",
        2,  # 2: itching that goes on counts, even with no sign ticked
        Urgency.SOON,
        TIME,
        None,
        _(
            "Any sign, or itching, still there {persistence_days} days or more after it was "
            "first logged."
        ),
        "Common Mistakes and Delayed Recognition; FAQ (persistent or unusual skin changes)",
        ("persistence_days",),
    ),
    Rule(
        "pain_or_itch",
        1,
        Urgency.NEXT_VISIT,
        ENTRY,
        None,
        _(
            "Pain or itch of {symptom_score} or more out of 10, or pain up by {pain_rise} points "
            "or more since the previous entry (help is available)."
        ),
        "Integration of Palliative and Supportive Care; FAQ (Do skin metastases hurt?)",
        ("symptom_score", "pain_rise"),
    ),
    Rule(
        "any_sign",
        1,
        Urgency.NEXT_VISIT,
        ENTRY,
        None,
        _(
            "Any sign logged on an area, when no other rule of this list flagged that entry "
            "(a floor: every sign is raised at least at the next visit)."
        ),
        "The Importance of Patient Education and Self-Monitoring; Rare and Atypical "
        "Presentations of Skin Metastases",
    ),
    Rule(
        "history_raises",
        1,
        Urgency.SOON,
        MODIFIER,
        None,
        _(
            "A history of inflammatory or triple-negative breast cancer (the codes set here: "
            "{escalating_history}) raises every next-visit finding to soon."
        ),
        "Patterns of Spread and Anatomical Sites of Involvement; Histological Subtypes and "
        "Their Implications",
        ("escalating_history",),
    ),
    Rule(
        "gone_stops_time_rules",
        1,
        None,
        MODIFIER,
        None,
        _(
            "An area whose latest entry is marked gone with no signs is not checked by the "
            "time rules; earlier flags stay until a clinician reviews them."
        ),
        "The Importance of Patient Education and Self-Monitoring",
    ),
)
RULES = {rule.code: rule for rule in CATALOGUE}
del _


def _number(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    return value
