"""The concern fold's data: events in (reviews, resolutions), concerns out. Frozen, JSON-ready.

See `monitoring.rules.fold` for how they are made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from education.vocabulary import Urgency, gettext_noop
from monitoring.rules.wording import render_reason

OPENED, UPDATED, RAISED = "opened", "updated", "raised"
LOWERED_NOTE = gettext_noop(
    "Your last check says it went away. Still mention it to your care team at your next visit."
)


@dataclass(frozen=True)
class Review:
    """A clinician reviewed the area's open concerns (or only those of `rule`) on `date`.

    `seen`: the keys of the area's checks dated that day that were logged before the review
    (None: all of them)."""

    area: str
    date: date
    rule: str | None = None
    outcome: str = ""
    seen: frozenset[str] | None = None


@dataclass(frozen=True)
class Resolution:
    """The patient marked the area resolved on `date`."""

    area: str
    date: date


@dataclass(frozen=True)
class Link:
    """A check that opened, updated or raised a concern."""

    entry_key: str
    action: str


@dataclass(frozen=True)
class Concern:
    """One concern as the fold leaves it. `facts` is JSON-ready; `reason` renders in English."""

    area: str
    rule: str
    version: int
    kind: str
    opened_on: date
    first_key: str
    latest_key: str
    latest_date: date
    raised_urgency: str
    urgency: str  # as shown (lowered when the area went away)
    warning_sign: str | None
    templates: tuple[str, ...]
    facts: dict = field(hash=False)
    links: tuple[Link, ...] = ()
    lowered: bool = False
    closed_on: date | None = None
    outcome: str = ""

    @property
    def reason(self) -> str:
        return render_reason(self)

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "version": self.version,
            "urgency": self.urgency,
            "raised_urgency": self.raised_urgency,
            "area": self.area,
            "opened_on": self.opened_on.isoformat(),
            "date": self.latest_date.isoformat(),
            "warning_sign": self.warning_sign,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class AreaConcerns:
    """The fold's result for one area: open concerns (most urgent first, then newest), the
    concerns closed by reviews, and the area's baseline."""

    area: str
    open: tuple[Concern, ...]
    reviewed: tuple[Concern, ...]
    reviewed_on: date | None
    review_size: float | None
    resolved_on: date | None
    gone: bool

    def as_json(self) -> dict[str, object]:
        return {
            "area": self.area,
            "open": [c.as_json() for c in self.open],
            "reviewed": [c.as_json() for c in self.reviewed],
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "review_size": self.review_size,
            "resolved_on": self.resolved_on.isoformat() if self.resolved_on else None,
            "gone": self.gone,
        }


def lowered(urgency: str) -> str:
    """The urgency shown for a concern of an area that went away."""
    return Urgency.SOON if urgency == Urgency.URGENT else Urgency.NEXT_VISIT


def sort_concerns(concerns: Iterable) -> list:
    """Most urgent first, then newest (latest check) first, then by rule for a stable order."""
    return sorted(
        concerns,
        key=lambda c: (-Urgency.rank_of(c.urgency), -c.latest_date.toordinal(), c.rule),
    )
