"""The monitoring rules: pure Python over frozen dataclasses.

Nothing here imports Django or our other apps, so every rule can be tested without a database.
The service layer turns entries into `Observation`s, calls `evaluate` / `evaluate_entry`, and stores
the returned `Finding`s as flags.

Two kinds of rule:
- *entry* rules judge one entry against the earlier entries of its area (and, for
  `several_areas`, the patient's other areas). They do not depend on today's date.
- *time* rules judge the area's latest entry against today's date (days on antibiotics, days on a
  cream, days a change has lasted). An area whose latest entry says "gone" with no signs stops them.

Translation. Rules stay pure, so a finding does not hold translated text. It holds `templates`
(English sentences with ``{name}`` slots, marked with the local `gettext_noop` so that
``makemessages`` extracts them) and `facts` (JSON-ready values: ISO dates, numbers, codes).
`render_reason(finding, gettext=..., format_date=...)` fills the slots; the service passes Django's
``gettext`` and ``date_format`` to show the reason in the reader's language. `Finding.reason` is the
English rendering (used by the scenario harness and stored alongside the facts).

Precise definitions the rules share:
- Entries of an area are ordered by date, then by the order given (the logging order).
- A sign is *newly present* in an entry when the area's previous entry did not have it (an area's
  first entry has all its signs newly present). `new_lump`, `new_patch`, `new_sore`,
  `unusual_form` and `colour_change` fire on newly present signs only; a sign that stays is
  covered by `any_sign`, `persistent_change` and the flag raised when it first appeared (it stays
  open until reviewed).
- `colour_change`: `discoloured` is in the entry and not in the area's previous entry, and there
  is a previous entry (a colour already there at the first entry is a sign, not a change).
- `new_patch`: `raised_patch` or `red_patch` newly present in the entry (same "newly" as
  `new_lump`); with a fever as well, `possible_infection` (urgent) is raised beside it.
- `growth`: the entry's size against the first measured entry of the area and against the
  previous measured one; +`growth_mm` or +`growth_percent` against either, or change "larger".
- `several_areas`: the entry shows *new signs* (signs not in its area's previous entry, or all its
  signs when its change is "new") and at least `several_areas_count - 1` other areas have an entry
  with new signs dated in the `several_areas_window_days` days up to and including its date.
- `any_sign` is a floor: it fires for an entry with signs only when none of the area's own entry
  rules (all but `several_areas`) found anything about that entry.
- Time rules look at the area's latest entry on or before `today` and attach to it:
  `antibiotics_not_better` (treatment antibiotics, redness, heat or swelling, change not
  "smaller"/"gone", `today - start >= antibiotics_days`), `cream_not_better` (treatment cream,
  change not "smaller"/"gone", `today - start >= cream_days`) and `persistent_change` (signs in
  the latest entry and every entry back to the first of the run of entries with signs,
  `today - first >= persistence_days`; itching counts as a change here: an entry with an itch
  score above 0 belongs to the run even with no sign ticked, so itching that goes on is
  raised). The start of a treatment is the entry's `treatment_since`, or else the first of the
  latest entries that all logged that treatment.
  With no newer entry the rules assume nothing changed: they never assume it got better.
- `pain_or_itch`: pain or itch of `symptom_score` or more, or pain up by `pain_rise` or more
  against the latest earlier entry of the area that recorded a pain score.
- `history_raises`: a history code in `escalating_history` turns every next-visit finding into
  soon (the finding keeps its rule code; its facts say `raised_from`).

No finding is never an all-clear: the rules only see what the patient typed, not the photos.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date

from monitoring.wording import gettext_noop, render_reason

# --- Shared vocabulary (plain strings; must match tracker/vocabulary.py) -----------------------

URGENT = "urgent"  # contact the care team today
SOON = "soon"  # book a visit within about a week
NEXT_VISIT = "next_visit"  # bring it up at the next appointment
URGENCY_RANK = {URGENT: 3, SOON: 2, NEXT_VISIT: 1}

SIGNS = (
    "new_lump",
    "firm",
    "raised_patch",
    "red_patch",
    "discoloured",
    "open_sore",
    "bleeding",
    "weeping",
    "thickened",
    "spider_veins",
    "band_along_nerve",
    "dimpled",
    "swelling",
    "warm",
    "fever",
)
SITES = (
    "chest_wall_left",
    "chest_wall_right",
    "scar_left",
    "scar_right",
    "breast_left",
    "breast_right",
    "supraclavicular_left",
    "supraclavicular_right",
    "neck",
    "upper_arm_left",
    "upper_arm_right",
    "armpit_left",
    "armpit_right",
    "scalp",
    "abdomen",
    "back",
    "thigh_left",
    "thigh_right",
    "other",
)
CHANGES = ("new", "larger", "same", "smaller", "gone")
HISTORY = (
    "mastectomy_left",
    "mastectomy_right",
    "lumpectomy_left",
    "lumpectomy_right",
    "chest_wall_radiation",
    "node_dissection",
    "ductal",
    "lobular",
    "inflammatory",
    "triple_negative",
    "her2_positive",
    "hormone_receptor_positive",
)
TREATMENTS = ("none", "cream", "antibiotics", "other")

ENTRY = "entry"
TIME = "time"
MODIFIER = "modifier"

# --- Thresholds: module-level defaults, each with the part of the source it rests on -----------
# Source: /work/shared/seed/000_5d3010bc50b0d005.txt ("Breast Cancer: Understanding Skin
# Metastases"). The article gives no numbers for these; the numbers are the clinical team's
# defaults, and the sections named below are why each rule exists.

# "Common Mistakes and Delayed Recognition": an evolving lesion should be looked at again;
# "Diagnostic Challenges": new or evolving changes need a high level of suspicion.
GROWTH_MM = 2.0
GROWTH_PERCENT = 20.0
# "Clinical Presentation and Diagnosis": red patches can look like cellulitis;
# "Common Mistakes and Delayed Recognition": often mistaken for an infection.
ANTIBIOTICS_DAYS = 7
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
ESCALATING_HISTORY = frozenset({"inflammatory", "triple_negative"})

# Sign groups used by the rules below.
INFECTION_LIKE = ("red_patch", "warm", "swelling")
# "Clinical Presentation and Diagnosis": skin metastases show as red patches that look like
# cellulitis and as raised, inflamed plaques, as well as lumps; a new one is "soon", as for a lump
# (the education pages of both signs say to book a visit within about a week).
PATCH_SIGNS = ("raised_patch", "red_patch")
SORE_SIGNS = ("open_sore", "bleeding", "weeping")
UNUSUAL_SIGNS = ("thickened", "spider_veins", "band_along_nerve", "dimpled")
_EPSILON = 1e-9  # float comparisons at the boundary (8.1 - 6.1 must count as 2 mm)


@dataclass(frozen=True)
class Thresholds:
    """Every number the rules use. Build from configuration with `Thresholds.from_mapping`."""

    growth_mm: float = GROWTH_MM
    growth_percent: float = GROWTH_PERCENT
    antibiotics_days: int = ANTIBIOTICS_DAYS
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
                unknown = sorted(str(c) for c in codes - set(HISTORY))
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


# --- Data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """One entry of a watched area, as plain data. `key` identifies the entry (its UUID code)."""

    area: str
    site: str
    date: date
    signs: frozenset[str] = frozenset()
    change: str | None = None
    size_mm: float | None = None
    pain: int | None = None
    itch: int | None = None
    treatment: str = "none"
    treatment_since: date | None = None
    key: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "signs", frozenset(self.signs))
        if self.size_mm is not None:  # a Decimal from the database would not mix with floats
            object.__setattr__(self, "size_mm", float(self.size_mm))
        if not self.key:
            object.__setattr__(self, "key", f"{self.area}:{self.date.isoformat()}")

    @property
    def is_gone(self) -> bool:
        """Marked gone with no signs: this stops the time rules for the area."""
        return self.change == "gone" and not self.signs


@dataclass(frozen=True)
class Finding:
    """What one rule found about one entry. `facts` is JSON-ready (ISO dates, numbers, codes)."""

    rule: str
    version: int
    urgency: str
    kind: str
    area: str
    entry_key: str
    date: date
    warning_sign: str | None
    templates: tuple[str, ...]
    facts: dict = field(hash=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """One open flag per (area, rule, entry)."""
        return (self.area, self.rule, self.entry_key)

    @property
    def reason(self) -> str:
        return render_reason(self)

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "version": self.version,
            "urgency": self.urgency,
            "area": self.area,
            "date": self.date.isoformat(),
            "warning_sign": self.warning_sign,
            "reason": self.reason,
        }


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
        URGENT,
        ENTRY,
        "fever",
        _("Redness, heat or swelling logged together with a fever (it could be an infection)."),
        "Diagnostic Challenges and Differential Diagnoses; Integration of Palliative and "
        "Supportive Care",
    ),
    Rule(
        "new_lump",
        1,
        SOON,
        ENTRY,
        "new_lump",
        _("A new lump or bump, anywhere (not in the area's previous entry)."),
        "Clinical Presentation and Diagnosis; Patterns of Spread and Anatomical Sites of "
        "Involvement",
    ),
    Rule(
        "new_patch",
        1,
        SOON,
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
        SOON,
        ENTRY,
        "new_lump",
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
        SOON,
        ENTRY,
        "open_sore",
        _("A new open sore, bleeding or fluid (not in the area's previous entry)."),
        "Clinical Presentation and Diagnosis; Diagnostic Challenges and Differential Diagnoses",
    ),
    Rule(
        "unusual_form",
        1,
        SOON,
        ENTRY,
        "thickened",
        _(
            "New thick or hard skin, lines like spider veins, spots in a band like shingles, or "
            "skin like orange peel (not in the area's previous entry)."
        ),
        "Rare and Atypical Presentations of Skin Metastases",
    ),
    Rule(
        "colour_change",
        1,
        SOON,
        ENTRY,
        "discoloured",
        _("A change of colour logged when the area's previous entry had none."),
        "Common Mistakes and Delayed Recognition",
    ),
    Rule(
        "several_areas",
        1,
        SOON,
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
        SOON,
        TIME,
        "red_patch",
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
        SOON,
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
        SOON,
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
        NEXT_VISIT,
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
        NEXT_VISIT,
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
        SOON,
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


# --- Public entry points ------------------------------------------------------------------------


def evaluate(
    *,
    area_history: Sequence[Observation],
    other_areas: Sequence[Observation] = (),
    history: Iterable[str] = frozenset(),
    today: date,
    thresholds: Thresholds = DEFAULTS,
) -> list[Finding]:
    """All findings that hold for one area on `today`.

    Entry rules for every entry dated on or before `today` (each judged against the entries
    before it, ordered by date then by position in `area_history`), plus the time rules for the
    area's latest entry. `other_areas` are the patient's entries in other areas (for
    `several_areas`). Sorted highest urgency first.
    """
    history = frozenset(history)
    entries = _sorted_upto(area_history, today)
    index = _OtherAreas(other_areas)
    findings: list[Finding] = []
    state = _AreaState()
    for entry in entries:
        findings += _entry_findings(entry, state, index, history, thresholds)
        state.push(entry)
    if entries:
        findings += _time_findings(entries, today, history, thresholds)
    return sort_findings(findings)


def evaluate_entry(
    *,
    entry: Observation,
    area_history: Sequence[Observation],
    other_areas: Sequence[Observation] = (),
    history: Iterable[str] = frozenset(),
    today: date,
    thresholds: Thresholds = DEFAULTS,
) -> list[Finding]:
    """The findings about one entry: entry rules against the area's earlier entries, and the
    time rules on `today` taking this entry as the latest known one (which it is right after it
    is saved). `area_history` may include `entry` itself and later entries; they are ignored.
    """
    history = frozenset(history)
    entries = _sorted_upto(area_history, entry.date)
    position = next((i for i, e in enumerate(entries) if e.key == entry.key), None)
    earlier = entries if position is None else entries[:position]
    state = _AreaState()
    for previous in earlier:
        state.push(previous)
    findings = _entry_findings(entry, state, _OtherAreas(other_areas), history, thresholds)
    findings += _time_findings([*earlier, entry], today, history, thresholds)
    return sort_findings(findings)


def evaluate_time(
    *,
    area_history: Sequence[Observation],
    history: Iterable[str] = frozenset(),
    today: date,
    thresholds: Thresholds = DEFAULTS,
) -> list[Finding]:
    """The time rules for an area's latest entry on `today` (what the daily command adds)."""
    entries = _sorted_upto(area_history, today)
    if not entries:
        return []
    return sort_findings(_time_findings(entries, today, frozenset(history), thresholds))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Highest urgency first, then by date, area and rule."""
    return sorted(findings, key=lambda f: (-URGENCY_RANK[f.urgency], f.date, f.area, f.rule))


# --- Engine -------------------------------------------------------------------------------------


def _sorted_upto(entries: Sequence[Observation], last_day: date) -> list[Observation]:
    # Stable sort: entries of the same day keep the order they were given in (logging order).
    return sorted((e for e in entries if e.date <= last_day), key=lambda e: e.date)


class _AreaState:
    """What the entry rules need to know about an area's earlier entries, built in one pass."""

    def __init__(self) -> None:
        self.previous: Observation | None = None
        self.first_sized: Observation | None = None
        self.previous_sized: Observation | None = None
        self.previous_pain: Observation | None = None

    def push(self, entry: Observation) -> None:
        self.previous = entry
        if entry.size_mm is not None:
            self.first_sized = self.first_sized or entry
            self.previous_sized = entry
        if entry.pain is not None:
            self.previous_pain = entry


class _OtherAreas:
    """Entries of other areas that showed new signs, by date (for `several_areas`)."""

    def __init__(self, others: Sequence[Observation]) -> None:
        previous: dict[str, Observation] = {}
        showing: list[tuple[date, int, Observation]] = []
        for n, entry in enumerate(sorted(others, key=lambda e: e.date)):
            if _new_signs(entry, previous.get(entry.area)):
                showing.append((entry.date, n, entry))
            previous[entry.area] = entry
        self.showing = showing
        self.dates = [d for d, _, _ in showing]

    def between(self, first: date, last: date) -> list[Observation]:
        start = bisect.bisect_left(self.dates, first)
        end = bisect.bisect_right(self.dates, last)
        return [entry for _, _, entry in self.showing[start:end]]


def _new_signs(entry: Observation, previous: Observation | None) -> frozenset[str]:
    """Signs not in the area's previous entry; all signs when the patient says the change is new."""
    if entry.change == "new" or previous is None:
        return entry.signs
    return entry.signs - previous.signs


def _newly(entry: Observation, previous: Observation | None, group: Sequence[str]) -> list[str]:
    before = previous.signs if previous else frozenset()
    return [sign for sign in group if sign in entry.signs and sign not in before]


def _ordered(signs: Iterable[str]) -> list[str]:
    return sorted(signs, key=lambda s: SIGNS.index(s) if s in SIGNS else len(SIGNS))


def _first_sign(entry: Observation) -> str | None:
    ordered = _ordered(entry.signs)
    return ordered[0] if ordered else None


def _cancer_side(history: frozenset[str]) -> set[str]:
    return {
        code.rsplit("_", 1)[1]
        for code in history
        if code.startswith(("mastectomy_", "lumpectomy_"))
    }


def _make(
    code: str,
    entry: Observation,
    templates: Sequence[str],
    facts: dict,
    warning_sign: str | None = None,
) -> Finding:
    rule = RULES[code]
    base = {"date": entry.date.isoformat(), "site": entry.site}
    return Finding(
        rule=rule.code,
        version=rule.version,
        urgency=rule.urgency,
        kind=rule.kind,
        area=entry.area,
        entry_key=entry.key,
        date=entry.date,
        warning_sign=warning_sign or rule.warning_sign or _first_sign(entry),
        templates=tuple(templates),
        facts={**base, **facts},
    )


def _escalate(finding: Finding, history: frozenset[str], thresholds: Thresholds) -> Finding:
    reasons = sorted(history & thresholds.escalating_history)
    if finding.urgency != NEXT_VISIT or not reasons:
        return finding
    note = gettext_noop(
        "Because of your history of {history}, the app asks you to raise this sooner than usual."
    )
    facts = {**finding.facts, "history": reasons, "raised_from": NEXT_VISIT}
    return replace(finding, urgency=SOON, templates=(*finding.templates, note), facts=facts)


def _entry_findings(
    entry: Observation,
    state: _AreaState,
    others: _OtherAreas,
    history: frozenset[str],
    thresholds: Thresholds,
) -> list[Finding]:
    found = [
        f
        for check in _LOCAL_ENTRY_RULES
        if (f := check(entry, state, history, thresholds)) is not None
    ]
    if not found and entry.signs:
        found.append(_any_sign(entry))
    several = _several_areas(entry, state, others, thresholds)
    if several is not None:
        found.append(several)
    return [_escalate(f, history, thresholds) for f in found]


def _time_findings(
    entries: Sequence[Observation], today: date, history: frozenset[str], thresholds: Thresholds
) -> list[Finding]:
    latest = entries[-1]
    if latest.is_gone:
        return []
    found = [f for check in _TIME_RULES if (f := check(entries, today, thresholds)) is not None]
    return [_escalate(f, history, thresholds) for f in found]


# --- Entry rules --------------------------------------------------------------------------------


def _possible_infection(entry, state, history, thresholds):
    if "fever" not in entry.signs:
        return None
    skin = [s for s in INFECTION_LIKE if s in entry.signs]
    if not skin:
        return None
    text = gettext_noop(
        "On {date} you logged {signs} on {site}, together with a fever. This could be an "
        "infection. Contact your care team today."
    )
    return _make("possible_infection", entry, [text], {"signs": skin, "fever": True})


def _new_lump(entry, state, history, thresholds):
    if not _newly(entry, state.previous, ["new_lump"]):
        return None
    texts = [
        gettext_noop(
            "On {date} you logged a new lump or bump on {site}. A new lump after breast cancer "
            "should be checked soon."
        )
    ]
    facts: dict = {"signs": ["new_lump"]}
    side = entry.site.rsplit("_", 1)[1] if entry.site.startswith(("chest_wall_", "scar_")) else None
    if side and side in _cancer_side(history):
        texts.append(
            gettext_noop(
                "It is on the same side as your first breast cancer. That is where skin changes "
                "most often come back."
            )
        )
        facts["same_side_as_cancer"] = True
    return _make("new_lump", entry, texts, facts)


def _grew(size: float, base: float, thresholds: Thresholds) -> bool:
    by_mm = size - base >= thresholds.growth_mm - _EPSILON
    by_percent = base > 0 and (size - base) * 100 >= thresholds.growth_percent * base - _EPSILON
    return by_mm or by_percent


def _growth(entry, state, history, thresholds):
    said_larger = entry.change == "larger"
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
    return _make("growth", entry, [text], facts, warning_sign=_first_sign(entry))


def _newly_logged(code: str, group: Sequence[str], text: str):
    """A rule that fires when a sign of `group` is in the entry but was not in the area's
    previous entry, naming those signs; its education page is the first of them."""

    def rule(entry, state, history, thresholds):
        new = _newly(entry, state.previous, group)
        if not new:
            return None
        return _make(code, entry, [text], {"signs": new}, warning_sign=new[0])

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
    if previous is None or not _newly(entry, previous, ["discoloured"]):
        return None
    text = gettext_noop(
        "On {date} you logged a change of colour on {site}. Your entry on {previous_date} did "
        "not show one. A patch that changes colour should be checked soon."
    )
    facts = {"signs": ["discoloured"], "previous_date": previous.date.isoformat()}
    return _make("colour_change", entry, [text], facts)


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
    return _make("pain_or_itch", entry, texts, facts)


def _any_sign(entry: Observation) -> Finding:
    text = gettext_noop(
        "On {date} you logged {signs} on {site}. Any skin change after breast cancer, even "
        "years later, is worth showing to your care team."
    )
    return _make("any_sign", entry, [text], {"signs": _ordered(entry.signs)})


def _several_areas(entry, state, others, thresholds):
    new = _new_signs(entry, state.previous)
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
        "signs": _ordered(new),
        "other_site": latest.site,
        "other_date": latest.date.isoformat(),
        "other_areas": sorted(areas),
        "window_days": window,
    }
    return _make("several_areas", entry, [text], facts, warning_sign=_ordered(new)[0])


_LOCAL_ENTRY_RULES = (
    _possible_infection,
    _new_lump,
    _new_patch,
    _growth,
    _new_sore,
    _unusual_form,
    _colour_change,
    _pain_or_itch,
)


# --- Time rules (judge the latest entry on `today`) ----------------------------------------------


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


def _antibiotics_not_better(entries, today, thresholds):
    latest = entries[-1]
    redness = [s for s in INFECTION_LIKE if s in latest.signs]
    if latest.treatment != "antibiotics" or not redness or latest.change in ("smaller", "gone"):
        return None
    since = _treatment_start(entries, "antibiotics")
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
    return _make("antibiotics_not_better", latest, [text], facts, warning_sign=redness[0])


def _cream_not_better(entries, today, thresholds):
    latest = entries[-1]
    if latest.treatment != "cream" or latest.change in ("smaller", "gone"):
        return None
    since = _treatment_start(entries, "cream")
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
    return _make("cream_not_better", latest, [text], facts)


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
        "signs": _ordered(latest.signs),
        "itch": latest.itch,
        "first_date": first.date.isoformat(),
        "as_of_date": today.isoformat(),
        "days": days,
        "persistence_days": thresholds.persistence_days,
    }
    return _make("persistent_change", latest, [text], facts)


_TIME_RULES = (_antibiotics_not_better, _cream_not_better, _persistent_change)


def _number(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    return value
