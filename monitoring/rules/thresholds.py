"""Every number and sign group the rules use, each with the part of the source it rests on.

`Thresholds` holds the numbers; the site overrides them with ``settings.MONITORING_THRESHOLDS``
(read by monitoring.flags.evaluation), checked here key by key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from education.vocabulary import History, Sign

# --- Thresholds: module-level defaults, each with the part of the source it rests on -----------
# Source: /work/shared/seed/000_5d3010bc50b0d005.txt ("Breast Cancer: Understanding Skin
# Metastases"). The article gives no numbers for these; the numbers are the clinical team's
# defaults, and the sections named below are why each rule exists.

# "Common Mistakes and Delayed Recognition": an evolving lesion should be looked at again;
# "Diagnostic Challenges": new or evolving changes need a high level of suspicion.
GROWTH_MM = 2.0
GROWTH_PERCENT = 20.0
# NICE NG141 "Cellulitis and erysipelas: antimicrobial prescribing" (2019), 1.1.6: reassess if
# symptoms worsen at any time or do not start to improve within 2 to 3 days. Seed "Common
# Mistakes and Delayed Recognition": metastases are often mistaken for an infection.
ANTIBIOTICS_DAYS = 3
# NHS "Cellulitis" (urgent help if it is getting worse with a high temperature) and the UKONS
# Oncology/Haematology 24-hour triage tool (a temperature after cancer treatment is an "act
# today" item): redness, heat or swelling within this many days of a fever logged anywhere is
# urgent.
FEVER_WINDOW_DAYS = 1
# "Common Mistakes and Delayed Recognition": a change that resists topical treatment.
CREAM_DAYS = 14
# FAQ "Can skin metastases be the first sign of cancer?": persistent skin changes need a biopsy;
# "Common Mistakes and Delayed Recognition": changes that develop slowly get missed.
PERSISTENCE_DAYS = 28
# "Prognostic Implications" (widespread skin involvement) and "Patterns of Spread" (many sites).
SEVERAL_AREAS_WINDOW_DAYS = 30
SEVERAL_AREAS_COUNT = 2
# "Integration of Palliative and Supportive Care": pain and itching can be eased;
# FAQ "Do skin metastases hurt?": painful lesions are a change worth telling.
SYMPTOM_SCORE = 7
PAIN_RISE = 3
# "Patterns of Spread" and "Histological Subtypes": inflammatory and triple-negative cancers are
# aggressive and skin changes may be the first sign of their return.
ESCALATING_HISTORY = frozenset({History.INFLAMMATORY, History.TRIPLE_NEGATIVE})

# Sign groups used by the rules below.
# NHS "Cellulitis": red (may be harder to see on brown and black skin), hot, swollen skin.
INFECTION_LIKE = (Sign.RED_PATCH, Sign.WARM, Sign.SWELLING)
# NHS "Lymphoedema"; Breast Cancer Now "Lymphoedema": the arm on the side where lymph nodes were
# removed is at risk, and an infection there needs antibiotics promptly.
AT_RISK_ARM_SITES = ("upper_arm", "armpit")
# "Clinical Presentation and Diagnosis": skin metastases show as red patches that look like
# cellulitis and as raised, inflamed plaques, as well as lumps; a new one is "soon", as for a lump
# (the education pages of both signs say to book a visit within about a week).
PATCH_SIGNS = (Sign.RAISED_PATCH, Sign.RED_PATCH)
SORE_SIGNS = (Sign.OPEN_SORE, Sign.BLEEDING, Sign.WEEPING)
# Seed "Rare and Atypical Presentations": thick skin, fine vessels, orange-peel skin.
UNUSUAL_SIGNS = (Sign.THICKENED, Sign.SPIDER_VEINS, Sign.DIMPLED)
# Anything newly seen is at least "soon" (the lead's catalogue; the education pages of these signs
# say "within about a week"); seed "Clinical Presentation" (firm nodules), "Rare and Atypical
# Presentations" (scalp alopecia).
OTHER_NEW_SIGNS = (Sign.FIRM, Sign.SWELLING, Sign.WARM, Sign.HAIR_LOSS)
EPSILON = 1e-9  # float comparisons at the boundary (8.1 - 6.1 must count as 2 mm)


@dataclass(frozen=True)
class Thresholds:
    """Every number the rules use. Build from configuration with `Thresholds.from_mapping`."""

    growth_mm: float = GROWTH_MM
    growth_percent: float = GROWTH_PERCENT
    antibiotics_days: int = ANTIBIOTICS_DAYS
    fever_window_days: int = FEVER_WINDOW_DAYS
    cream_days: int = CREAM_DAYS
    persistence_days: int = PERSISTENCE_DAYS
    several_areas_window_days: int = SEVERAL_AREAS_WINDOW_DAYS
    several_areas_count: int = SEVERAL_AREAS_COUNT
    symptom_score: int = SYMPTOM_SCORE
    pain_rise: int = PAIN_RISE
    escalating_history: frozenset[str] = ESCALATING_HISTORY

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object] | None) -> Thresholds:
        """Defaults overridden by `mapping` (e.g. settings.MONITORING_THRESHOLDS).

        Raises ValueError naming the key for an unknown key or a bad value.
        """
        known = {f.name: f for f in fields(cls)}
        values: dict[str, object] = {}
        for key, value in (mapping or {}).items():
            if key not in known:
                raise ValueError(f"unknown monitoring threshold {key!r}")
            if key == "escalating_history":
                if isinstance(value, str) or not isinstance(value, Iterable):
                    raise ValueError(f"{key}: expected a list of history codes")
                codes = frozenset(value)
                unknown = sorted(str(c) for c in codes - set(History.codes()))
                if unknown:
                    raise ValueError(f"{key}: unknown history code(s) {', '.join(unknown)}")
                values[key] = codes
                continue
            is_int = isinstance(getattr(DEFAULTS, key), int)
            ok_type = int if is_int else (int, float)
            if isinstance(value, bool) or not isinstance(value, ok_type) or value <= 0:
                kind = "a whole number" if is_int else "a number"
                raise ValueError(f"{key}: expected {kind} above 0, got {value!r}")
            values[key] = value
        return replace(DEFAULTS, **values)

    def as_dict(self) -> dict[str, object]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["escalating_history"] = sorted(self.escalating_history)
        return out


DEFAULTS = Thresholds()
