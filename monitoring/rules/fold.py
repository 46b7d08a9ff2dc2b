"""The concern fold: an area's checks, reviews and resolutions, folded in date order into concerns.

Pure (no Django). The scenario harness and the database service (monitoring.flags.evaluation)
both call `fold_area`, so they cannot disagree. A *concern* is an episode: at most one is open
per (area, rule). A finding of a rule that has an open concern updates it (latest check, facts,
reason; its urgency may rise, never fall); otherwise it opens one. A review closes the area's open
concerns (or one of them) and sets the area's baseline: growth is then judged against the size at
the review, and time rules count from the review. After a review a concern opens again only on
new evidence (a sign that was not there continuously since the review, a higher pain or itch
score, more growth, a new fever, a clock that ran out again).

Time rules are judged at the end of every day that has an event and on the last day of each gap
between events; when one fires in a gap, the first day it held is found by bisection (the time
rules only depend on `today` through "at least N days"), so the fold does work that grows with
the number of checks, not with the number of days.

Shown urgency: when the area's latest check says "gone" with nothing seen, or the area is marked
resolved (and nothing was seen since), each open concern is shown lowered to "next visit" (an
urgent one to "soon"); `raised_urgency` keeps how urgent it was, for the care team.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from education.vocabulary import Sign, Urgency
from monitoring.rules.concerns import (
    LOWERED_NOTE,
    OPENED,
    RAISED,
    UPDATED,
    AreaConcerns,
    Concern,
    Link,
    Resolution,
    Review,
    lowered,
    sort_concerns,
)
from monitoring.rules.data import Finding, Observation
from monitoring.rules.engine import AreaState, OtherAreas, entry_findings, time_findings
from monitoring.rules.entry_rules import fever_elsewhere
from monitoring.rules.thresholds import DEFAULTS, Thresholds

__all__ = [
    "OPENED",
    "RAISED",
    "UPDATED",
    "AreaConcerns",
    "Concern",
    "Resolution",
    "Review",
    "fold_area",
    "lowered",
    "sort_concerns",
]

# Rules that fire while a sign is there (not only when it is new): after a review they open a
# concern again only for a sign that was not there continuously since the review.
_WHILE_PRESENT = frozenset({"any_sign", "possible_infection", "band_of_spots"})


def fold_area(
    *,
    area_checks: Sequence[Observation],
    other_checks: Sequence[Observation] = (),
    reviews: Sequence[Review] = (),
    resolutions: Sequence[Resolution] = (),
    history: Iterable[str] = frozenset(),
    today: date,
    thresholds: Thresholds = DEFAULTS,
) -> AreaConcerns:
    """Fold one area's events up to `today` into its concerns (see the module docstring).

    `area_checks` in logging order (stable-sorted by date here); `other_checks` are the
    patient's other areas (for `several_areas` and a fever logged elsewhere)."""
    return _Fold(frozenset(history), today, thresholds, other_checks).run(
        area_checks, reviews, resolutions
    )


@dataclass
class _Open:
    rule: str
    version: int
    kind: str
    opened_on: date
    first_key: str
    latest_key: str
    latest_date: date
    raised_urgency: str
    warning_sign: str | None
    templates: tuple[str, ...]
    facts: dict
    signs: set[str]
    links: dict[str, str]

    @classmethod
    def start(cls, finding: Finding, day: date) -> _Open:
        return cls(
            rule=finding.rule,
            version=finding.version,
            kind=finding.kind,
            opened_on=day,
            first_key=finding.entry_key,
            latest_key=finding.entry_key,
            latest_date=finding.date,
            raised_urgency=finding.urgency,
            warning_sign=finding.warning_sign,
            templates=finding.templates,
            facts=finding.facts,
            signs=set(finding.facts.get("signs") or ()),
            links={finding.entry_key: OPENED},
        )

    def update(self, finding: Finding) -> None:
        rose = Urgency.rank_of(finding.urgency) > Urgency.rank_of(self.raised_urgency)
        self.version, self.kind = finding.version, finding.kind
        self.latest_key, self.latest_date = finding.entry_key, finding.date
        self.warning_sign, self.templates = finding.warning_sign, finding.templates
        self.facts = finding.facts
        self.signs |= set(finding.facts.get("signs") or ())
        if rose:
            self.raised_urgency = finding.urgency
            self.link(finding.entry_key, RAISED)
        else:
            self.link(finding.entry_key, UPDATED)

    def seen_again(self, check: Observation) -> None:
        self.latest_key, self.latest_date = check.key, check.date
        self.link(check.key, UPDATED)

    def link(self, key: str, action: str) -> None:
        if self.links.get(key) in (None, UPDATED):
            self.links[key] = action

    def freeze(self, area: str, *, lower: bool, closed_on=None, outcome="") -> Concern:
        templates = self.templates + ((LOWERED_NOTE,) if lower else ())
        return Concern(
            area=area,
            rule=self.rule,
            version=self.version,
            kind=self.kind,
            opened_on=self.opened_on,
            first_key=self.first_key,
            latest_key=self.latest_key,
            latest_date=self.latest_date,
            raised_urgency=self.raised_urgency,
            urgency=lowered(self.raised_urgency) if lower else self.raised_urgency,
            warning_sign=self.warning_sign,
            templates=templates,
            facts=dict(self.facts),
            links=tuple(Link(key, action) for key, action in self.links.items()),
            lowered=lower,
            closed_on=closed_on,
            outcome=outcome,
        )


class _Fold:
    def __init__(self, history, today, thresholds, other_checks) -> None:
        self.history, self.today, self.thresholds = history, today, thresholds
        others = [c for c in other_checks if c.date <= today]
        self.others = OtherAreas(others)
        self.fevers = sorted((c for c in others if Sign.FEVER in c.signs), key=lambda c: c.date)
        self.state = AreaState()
        self.done: list[Observation] = []
        self.open: dict[str, _Open] = {}
        self.reviewed: list[Concern] = []
        self.resolved_on: date | None = None
        self.fevers_seen: list[Observation] = []  # fevers elsewhere, up to the current day
        self.area = ""

    # --- the walk through time ------------------------------------------------------------------

    def run(self, area_checks, reviews, resolutions) -> AreaConcerns:
        checks = sorted((c for c in area_checks if c.date <= self.today), key=lambda c: c.date)
        if checks:
            self.area = checks[0].area
        reviews = sorted((r for r in reviews if r.date <= self.today), key=lambda r: r.date)
        resolutions = [r for r in resolutions if r.date <= self.today]
        days = sorted(
            {c.date for c in checks}
            | {r.date for r in reviews}
            | {r.date for r in resolutions}
            | {f.date for f in self.fevers}
        )
        previous_day: date | None = None
        for day in days:
            if previous_day is not None:
                self._time_gap(previous_day + timedelta(days=1), day - timedelta(days=1))
            self._day(day, checks, reviews, resolutions)
            previous_day = day
        if previous_day is not None and previous_day < self.today:
            self._time_gap(previous_day + timedelta(days=1), self.today)
        return self._result()

    def _day(self, day, checks, reviews, resolutions) -> None:
        todays = [c for c in checks if c.date == day]
        day_reviews = [r for r in reviews if r.date == day]
        if any(r.seen is None for r in day_reviews):
            before, after = todays, []
        else:
            seen = set().union(*(r.seen for r in day_reviews)) if day_reviews else set()
            before = [c for c in todays if not day_reviews or c.key in seen]
            after = [c for c in todays if day_reviews and c.key not in seen]
        for check in before:
            self._check(check)
        for fever in (f for f in self.fevers if f.date == day):
            self._fever_elsewhere(fever)
        for review in day_reviews:
            self._review(review)
        for check in after:
            self._check(check)
        if any(r.date == day for r in resolutions):
            self.resolved_on = day
        self._time(day)

    def _check(self, check: Observation) -> None:
        state = self.state
        previous_signs = state.previous.signs if state.previous is not None else frozenset()
        continuing = previous_signs & state.review_signs
        found = entry_findings(check, state, self.others, self.history, self.thresholds)
        window = self.thresholds.fever_window_days
        near = [f for f in self.fevers_seen if 0 <= (check.date - f.date).days <= window]
        if near:
            extra = fever_elsewhere(check, near[-1])
            if extra is not None:
                found.append(extra)
        state.push(check)
        self.done.append(check)
        touched = set()
        for finding in found:
            self._apply(finding, check.date, continuing)
            touched.add(finding.rule)
        for rule, concern in self.open.items():
            if rule not in touched and concern.signs & check.signs:
                concern.seen_again(check)

    def _fever_elsewhere(self, fever: Observation) -> None:
        self.fevers_seen.append(fever)
        window = self.thresholds.fever_window_days
        near = [c for c in self.done if 0 <= (fever.date - c.date).days <= window]
        for check in reversed(near):
            finding = fever_elsewhere(check, fever)
            if finding is not None:
                self._apply(finding, fever.date, frozenset())
                return

    def _review(self, review: Review) -> None:
        for rule in [r for r in self.open if review.rule in (None, r)]:
            concern = self.open.pop(rule)
            self.reviewed.append(
                concern.freeze(
                    self.area, lower=False, closed_on=review.date, outcome=review.outcome
                )
            )
        self.state.review(review.date)

    def _time(self, day: date) -> None:
        if not self.done:
            return
        for finding in self._time_findings(day):
            self._apply(finding, day, frozenset())

    def _time_findings(self, day: date) -> list[Finding]:
        return time_findings(
            self.done, day, self.history, self.thresholds, reviewed_on=self.state.reviewed_on
        )

    def _time_gap(self, first: date, last: date) -> None:
        """Time rules over the days first..last with no event: judged on `last`; a rule that
        opens a concern is judged on the first day it held."""
        if not self.done or first > last:
            return
        for finding in self._time_findings(last):
            if finding.rule in self.open:
                self._apply(finding, last, frozenset())
                continue
            low, high = first, last  # it holds on `high`; find the first day it holds
            while low < high:
                middle = low + (high - low) // 2
                if any(f.rule == finding.rule for f in self._time_findings(middle)):
                    high = middle
                else:
                    low = middle + timedelta(days=1)
            earliest = next(f for f in self._time_findings(high) if f.rule == finding.rule)
            self._apply(earliest, high, frozenset())

    # --- concerns ------------------------------------------------------------------------------

    def _apply(self, finding: Finding, day: date, continuing: frozenset[str]) -> None:
        concern = self.open.get(finding.rule)
        if concern is not None:
            concern.update(finding)
            return
        if not self._new_evidence(finding, continuing):
            return
        self.open[finding.rule] = _Open.start(finding, day)

    def _new_evidence(self, finding: Finding, continuing: frozenset[str]) -> bool:
        signs = set(finding.facts.get("signs") or ())
        if finding.rule == "any_sign":
            covered = set().union(*(c.signs for c in self.open.values())) if self.open else set()
            if signs <= covered:
                return False  # the open concerns of the area were updated by this check
        if self.state.reviewed_on is None:
            return True
        if finding.rule in _WHILE_PRESENT:
            return bool(signs - continuing)
        if finding.rule == "pain_or_itch":
            return (finding.facts.get("pain") or 0) > self.state.review_pain or (
                finding.facts.get("itch") or 0
            ) > self.state.review_itch
        return True

    def _result(self) -> AreaConcerns:
        latest = self.done[-1] if self.done else None
        gone = latest is not None and latest.is_gone
        resolved = self.resolved_on is not None and not any(
            c.signs for c in self.done if c.date > self.resolved_on
        )
        lower = gone or resolved
        concerns = [c.freeze(self.area, lower=lower) for c in self.open.values()]
        return AreaConcerns(
            area=self.area,
            open=tuple(sort_concerns(concerns)),
            reviewed=tuple(self.reviewed),
            reviewed_on=self.state.reviewed_on,
            review_size=self.state.review_size,
            resolved_on=self.resolved_on,
            gone=gone,
        )
