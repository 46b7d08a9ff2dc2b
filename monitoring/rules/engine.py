"""The rules engine: `evaluate`, `evaluate_entry` and `evaluate_time`, pure Python over frozen data.

Nothing in `monitoring.rules` imports Django, so every rule can be tested without a database (a
test checks it); the codes come from `education.vocabulary` (pure as well), their one home. The
flag service (`monitoring.flags.evaluation`) turns entries into `Observation`s, calls these, and
stores the returned `Finding`s as flags. The rules themselves are in `entry_rules` and
`time_rules`, their numbers in `thresholds`, their catalogue lines in `catalogue`.

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
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from education.vocabulary import Urgency, gettext_noop
from monitoring.rules.data import Finding, Observation
from monitoring.rules.entry_rules import LOCAL_ENTRY_RULES, any_sign, several_areas
from monitoring.rules.findings import new_signs
from monitoring.rules.thresholds import DEFAULTS, Thresholds
from monitoring.rules.time_rules import TIME_RULES

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
    index = OtherAreas(other_areas)
    findings: list[Finding] = []
    state = AreaState()
    for entry in entries:
        findings += entry_findings(entry, state, index, history, thresholds)
        state.push(entry)
    if entries:
        findings += time_findings(entries, today, history, thresholds)
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
    state = AreaState()
    for previous in earlier:
        state.push(previous)
    findings = entry_findings(entry, state, OtherAreas(other_areas), history, thresholds)
    findings += time_findings([*earlier, entry], today, history, thresholds)
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
    return sort_findings(time_findings(entries, today, frozenset(history), thresholds))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Highest urgency first, then by date, area and rule."""
    return sorted(findings, key=lambda f: (-Urgency.rank_of(f.urgency), f.date, f.area, f.rule))


# --- Engine -------------------------------------------------------------------------------------


def _sorted_upto(entries: Sequence[Observation], last_day: date) -> list[Observation]:
    # Stable sort: entries of the same day keep the order they were given in (logging order).
    return sorted((e for e in entries if e.date <= last_day), key=lambda e: e.date)


class AreaState:
    """What the entry rules need to know about an area's earlier entries, built in one pass,
    and the area's last review (its baseline: the date and the size and signs seen then)."""

    def __init__(self) -> None:
        self.previous: Observation | None = None
        self.first_sized: Observation | None = None
        self.previous_sized: Observation | None = None
        self.previous_pain: Observation | None = None
        self.reviewed_on: date | None = None
        self.review_size: float | None = None
        self.review_signs: frozenset[str] = frozenset()
        self.review_pain: int = 0
        self.review_itch: int = 0

    def push(self, entry: Observation) -> None:
        self.previous = entry
        if entry.size_mm is not None:
            self.first_sized = self.first_sized or entry
            self.previous_sized = entry
        if entry.pain is not None:
            self.previous_pain = entry

    def review(self, day: date) -> None:
        """A clinician reviewed the area on `day`: later checks are judged from what was seen."""
        self.reviewed_on = day
        sized = self.previous_sized
        self.review_size = sized.size_mm if sized is not None else None
        latest = self.previous
        self.review_signs = latest.signs if latest is not None else frozenset()
        self.review_pain = (latest.pain or 0) if latest is not None else 0
        self.review_itch = (latest.itch or 0) if latest is not None else 0

    def baseline_size(self) -> tuple[float, date] | None:
        """The size growth is judged against: at the last review, else the first measured."""
        if self.reviewed_on is not None and self.review_size is not None:
            return self.review_size, self.reviewed_on
        if self.first_sized is not None:
            return self.first_sized.size_mm, self.first_sized.date
        return None


class OtherAreas:
    """Entries of other areas that showed new signs, by date (for `several_areas`)."""

    def __init__(self, others: Sequence[Observation]) -> None:
        previous: dict[str, Observation] = {}
        showing: list[tuple[date, int, Observation]] = []
        for n, entry in enumerate(sorted(others, key=lambda e: e.date)):
            if new_signs(entry, previous.get(entry.area)):
                showing.append((entry.date, n, entry))
            previous[entry.area] = entry
        self.showing = showing
        self.dates = [d for d, _, _ in showing]

    def between(self, first: date, last: date) -> list[Observation]:
        start = bisect.bisect_left(self.dates, first)
        end = bisect.bisect_right(self.dates, last)
        return [entry for _, _, entry in self.showing[start:end]]


def _escalate(finding: Finding, history: frozenset[str], thresholds: Thresholds) -> Finding:
    reasons = sorted(history & thresholds.escalating_history)
    if finding.urgency != Urgency.NEXT_VISIT or not reasons or finding.facts.get("nothing_seen"):
        return finding  # pain or itching with nothing seen stays at next visit
    note = gettext_noop(
        "Because of your history of {history}, the app asks you to raise this sooner than usual."
    )
    facts = {**finding.facts, "history": reasons, "raised_from": Urgency.NEXT_VISIT}
    return replace(finding, urgency=Urgency.SOON, templates=(*finding.templates, note), facts=facts)


def entry_findings(
    entry: Observation,
    state: AreaState,
    others: OtherAreas,
    history: frozenset[str],
    thresholds: Thresholds,
) -> list[Finding]:
    found = [
        f
        for check in LOCAL_ENTRY_RULES
        if (f := check(entry, state, history, thresholds)) is not None
    ]
    if not found and entry.signs:
        found.append(any_sign(entry))
    several = several_areas(entry, state, others, thresholds)
    if several is not None:
        found.append(several)
    return [_escalate(f, history, thresholds) for f in found]


def time_findings(
    entries: Sequence[Observation],
    today: date,
    history: frozenset[str],
    thresholds: Thresholds,
    reviewed_on: date | None = None,
) -> list[Finding]:
    """The time rules on the area's latest check as of `today` (clocks restart at a review)."""
    latest = entries[-1]
    if latest.is_gone:
        return []
    found = [
        f
        for check in TIME_RULES
        if (f := check(entries, today, thresholds, reviewed_on)) is not None
    ]
    return [_escalate(f, history, thresholds) for f in found]
