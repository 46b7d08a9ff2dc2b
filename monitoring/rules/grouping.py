"""Open flags grouped for display: one item per (area, rule). Pure: no Django import.

Flags stay one per (area, rule, entry) until reviewed, so a lasting change (a lump that keeps
growing, a patch still there) raises the same rule again on each new check. Lists the patient
reads ("To raise at my next visit", the visit summary) show each (area, rule) once: the highest
urgency of the group, the newest flag with its reason in full, and the dates of the earlier ones.
The flags themselves are not changed; the care team still reviews each one.

`group_flags` reads these attributes of each flag (a `monitoring.models.Flag` with its `entry`
loaded, or any object alike): ``area_id``, ``rule``, ``urgency``, ``entry.date``, ``raised_at``
and ``pk``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from education.vocabulary import Urgency


@dataclass(frozen=True)
class FlagGroup:
    """The open flags of one rule on one area. `flags` is newest first (by the check's date)."""

    flags: tuple

    @property
    def latest(self):
        """The newest flag: its reason is shown in full."""
        return self.flags[0]

    @property
    def earlier(self) -> tuple:
        """The other flags of the group, newest first."""
        return self.flags[1:]

    @property
    def area(self):
        return self.latest.area

    @property
    def rule(self) -> str:
        return self.latest.rule

    @property
    def urgency(self) -> str:
        """The highest urgency in the group."""
        return max((f.urgency for f in self.flags), key=Urgency.rank_of)

    @property
    def first_date(self) -> date:
        """The date of the oldest check in the group (how long it has been waiting)."""
        return self.flags[-1].entry.date

    @property
    def earlier_dates(self) -> list[date]:
        return [f.entry.date for f in self.earlier]


def group_flags(flags: Iterable) -> list[FlagGroup]:
    """One `FlagGroup` per (area, rule), highest urgency first, then the longest waiting first
    (oldest first check), then area and rule for a stable order."""
    by_key: dict[tuple[object, str], list] = {}
    for flag in flags:
        by_key.setdefault((flag.area_id, flag.rule), []).append(flag)
    groups = [FlagGroup(tuple(sorted(found, key=_newest_first))) for found in by_key.values()]
    return sorted(
        groups,
        key=lambda g: (
            -Urgency.rank_of(g.urgency),
            g.first_date,
            str(g.latest.area_id),
            g.rule,
        ),
    )


def _newest_first(flag) -> tuple:
    # Newest check first; for checks of the same day, the flag raised last first.
    return (-flag.entry.date.toordinal(), _negated_time(flag.raised_at), -(flag.pk or 0))


def _negated_time(moment) -> float:
    return -moment.timestamp() if moment is not None else 0.0
