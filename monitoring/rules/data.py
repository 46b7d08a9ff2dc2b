"""The rules' data: one entry as an `Observation` in, a `Finding` out. Frozen and JSON-ready."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from education.vocabulary import Change, Treatment
from monitoring.rules.wording import render_reason

# The kinds of rule (see monitoring.rules.engine): judged when an entry is saved, judged as time
# passes, or changing how other rules apply.
ENTRY = "entry"
TIME = "time"
MODIFIER = "modifier"


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
    treatment: str = Treatment.NONE
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
        return self.change == Change.GONE and not self.signs


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
