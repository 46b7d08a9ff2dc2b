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
    source: str  # section(s) of the source article ("seed: ...") and public guidance
    thresholds: tuple[str, ...] = ()

    def describe(self, thresholds: Thresholds = DEFAULTS, gettext: Callable = str) -> str:
        values = {name: _number(getattr(thresholds, name)) for name in self.thresholds}
        return gettext(self.trigger).format(**values)


# --- Catalogue ----------------------------------------------------------------------------------

_ = gettext_noop

# Public guidance cited beside the seed (its sections are named as they are in the article).
NHS_CELLULITIS = "NHS, Cellulitis (nhs.uk/conditions/cellulitis)"
UKONS_TRIAGE = "UKONS Oncology/Haematology 24-hour triage tool (temperature after cancer treatment)"
NICE_NG141 = "NICE NG141, Cellulitis and erysipelas: antimicrobial prescribing (2019), 1.1.6"
NHS_LYMPHOEDEMA = "NHS, Lymphoedema; Breast Cancer Now, Lymphoedema (infection in an at-risk arm)"
NHS_SHINGLES = "NHS, Shingles (antiviral medicine works best within 3 days)"
EDUCATION_FEVER = "The app's own education page on fever"

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "fever",
        1,
        Urgency.URGENT,
        ENTRY,
        Sign.FEVER,
        _(
            "A fever logged on any check, whatever else is logged; and redness, heat or swelling "
            "on any area within {fever_window_days} day(s) of a fever."
        ),
        f"{NHS_CELLULITIS}; {UKONS_TRIAGE}; {EDUCATION_FEVER}",
        ("fever_window_days",),
    ),
    Rule(
        "possible_infection",
        2,  # 2: two of red, hot, swollen are enough, with or without a fever
        Urgency.URGENT,
        ENTRY,
        Sign.RED_PATCH,
        _(
            "Two or more of redness, heat and swelling in one area, with or without a fever "
            "(redness may be hard to see on darker skin)."
        ),
        f"{NHS_CELLULITIS}; seed: Diagnostic Challenges and Differential Diagnoses",
    ),
    Rule(
        "antibiotics_worse",
        1,
        Urgency.URGENT,
        ENTRY,
        Sign.RED_PATCH,
        _("On antibiotics, and the area is larger at any check (said or measured)."),
        f"{NICE_NG141}; seed: Common Mistakes and Delayed Recognition",
    ),
    Rule(
        "antibiotics_not_better",
        2,  # 2: 3 days, urgent (was 7 days, soon)
        Urgency.URGENT,
        TIME,
        Sign.RED_PATCH,
        _("A sign still not smaller after {antibiotics_days} days or more of antibiotics."),
        f"{NICE_NG141}; seed: Common Mistakes and Delayed Recognition",
        ("antibiotics_days",),
    ),
    Rule(
        "band_of_spots",
        1,
        Urgency.URGENT,
        ENTRY,
        Sign.BAND_ALONG_NERVE,
        _(
            "Spots in a band on one side: urgent with pain or redness, otherwise soon (shingles "
            "medicine works best in the first 3 days)."
        ),
        f"{NHS_SHINGLES}; seed: Rare and Atypical Presentations of Skin Metastases",
    ),
    Rule(
        "at_risk_arm",
        1,
        Urgency.SOON,
        ENTRY,
        Sign.SWELLING,
        _(
            "Redness, heat or swelling newly logged in the upper arm or armpit on the side where "
            "lymph nodes were removed."
        ),
        NHS_LYMPHOEDEMA,
    ),
    Rule(
        "new_lump",
        2,  # 2: part of "anything newly seen is at least soon"; judged from the last review
        Urgency.SOON,
        ENTRY,
        Sign.NEW_LUMP,
        _("A new lump or bump, anywhere (not in the area's previous check)."),
        "seed: Clinical Presentation and Diagnosis; Patterns of Spread and Anatomical Sites of "
        "Involvement",
    ),
    Rule(
        "new_patch",
        2,
        Urgency.SOON,
        ENTRY,
        None,  # the patch that was logged: raised_patch or red_patch
        _("A new red patch or rash, or a new raised patch (not in the area's previous check)."),
        "seed: Clinical Presentation and Diagnosis",
    ),
    Rule(
        "new_sore",
        2,
        Urgency.SOON,
        ENTRY,
        Sign.OPEN_SORE,
        _("A new open sore, bleeding or fluid (not in the area's previous check)."),
        "seed: Clinical Presentation and Diagnosis; Diagnostic Challenges and Differential "
        "Diagnoses",
    ),
    Rule(
        "unusual_form",
        2,  # 2: a band of spots has its own rule now
        Urgency.SOON,
        ENTRY,
        Sign.THICKENED,
        _(
            "New thick or hard skin, lines like spider veins, or skin like orange peel (not in "
            "the area's previous check)."
        ),
        "seed: Rare and Atypical Presentations of Skin Metastases",
    ),
    Rule(
        "colour_change",
        2,  # 2: a change of colour is newly seen at the first check as well
        Urgency.SOON,
        ENTRY,
        Sign.DISCOLOURED,
        _(
            "A new change of colour; on skin that had radiation it can look like a bruise years "
            "later and still needs checking."
        ),
        "seed: Common Mistakes and Delayed Recognition; Rare and Atypical Presentations",
    ),
    Rule(
        "new_sign",
        1,
        Urgency.SOON,
        ENTRY,
        None,
        _(
            "Newly seen: a firm spot, swelling, skin that feels hot, or a patch where hair "
            "stopped growing (anything newly seen is at least soon)."
        ),
        "seed: Clinical Presentation and Diagnosis; Rare and Atypical Presentations (scalp "
        "alopecia)",
    ),
    Rule(
        "growth",
        2,  # 2: judged against the size at the last review (else the first size)
        Urgency.SOON,
        ENTRY,
        Sign.NEW_LUMP,
        _(
            "The longest size is up by {growth_mm} mm or more, or by {growth_percent}% or more, "
            "since the last review (or the first measurement); or it is said to be larger when "
            "something is seen."
        ),
        "seed: Common Mistakes and Delayed Recognition",
        ("growth_mm", "growth_percent"),
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
        "seed: Prognostic Implications and Survival Outcomes; Patterns of Spread and Anatomical "
        "Sites of Involvement",
        ("several_areas_count", "several_areas_window_days"),
    ),
    Rule(
        "cream_not_better",
        2,  # 2: needs a sign being treated (a moisturiser on skin with nothing seen is not)
        Urgency.SOON,
        TIME,
        None,
        _(
            "A sign treated with a cream or ointment for {cream_days} days or more without "
            "getting smaller or going away."
        ),
        "seed: Common Mistakes and Delayed Recognition",
        ("cream_days",),
    ),
    Rule(
        "persistent_change",
        3,  # 3: visible signs only; symptoms alone are `lasting_symptoms`
        Urgency.SOON,
        TIME,
        None,
        _(
            "A visible sign still there {persistence_days} days or more after it was first "
            "logged (or last reviewed)."
        ),
        "seed: Common Mistakes and Delayed Recognition; FAQ (persistent or unusual skin changes)",
        ("persistence_days",),
    ),
    Rule(
        "lasting_symptoms",
        1,
        Urgency.NEXT_VISIT,
        TIME,
        None,
        _(
            "Pain or itching with nothing seen, still there {persistence_days} days or more "
            "after it was first logged: next visit, never higher."
        ),
        "seed: Integration of Palliative and Supportive Care; FAQ (Do skin metastases hurt?)",
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
            "or more since the previous check (help is available)."
        ),
        "seed: Integration of Palliative and Supportive Care; FAQ (Do skin metastases hurt?)",
        ("symptom_score", "pain_rise"),
    ),
    Rule(
        "new_change",
        1,
        Urgency.NEXT_VISIT,
        ENTRY,
        None,
        _("A check that says the change is new or larger, with nothing ticked."),
        "seed: The Importance of Patient Education and Self-Monitoring",
    ),
    Rule(
        "any_sign",
        2,  # 2: only signs no open concern of the area already covers
        Urgency.NEXT_VISIT,
        ENTRY,
        None,
        _(
            "Any other sign logged on an area that no open concern covers (a floor: every sign "
            "is raised at least at the next visit)."
        ),
        "seed: The Importance of Patient Education and Self-Monitoring; Rare and Atypical "
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
            "{escalating_history}) raises every next-visit finding about something seen to soon."
        ),
        "seed: Patterns of Spread and Anatomical Sites of Involvement; Histological Subtypes "
        "and Their Implications",
        ("escalating_history",),
    ),
    Rule(
        "gone_lowers",
        1,
        None,
        MODIFIER,
        None,
        _(
            "When an area's latest check says it has gone with nothing seen, or the area is "
            "marked resolved, its open concerns are shown as next visit (an urgent one as soon); "
            "the care team still sees how urgent they were."
        ),
        "seed: The Importance of Patient Education and Self-Monitoring",
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
