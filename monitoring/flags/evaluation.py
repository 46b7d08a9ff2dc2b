"""Store what the rules find as flags. The only code that writes flags (reviews aside).

`evaluate_entry` runs right after an entry is saved or edited (see `monitoring.flags.signals`),
`evaluate_time` runs from the daily ``evaluate_flags`` command and `evaluate_patient` after the
patient's profile changes. All three are idempotent:

- a finding opens a flag keyed by (area, rule, entry) unless that key already has an open flag or
  a reviewed one (the care team has seen it; a withdrawn flag does not count, so an edit that
  brings a finding back opens a new flag);
- an open flag whose finding is now more urgent (e.g. the profile now lists an inflammatory
  cancer) is raised to the new urgency, with the new reason; it is never lowered automatically;
- after an edit, an open flag whose rule no longer holds for its entry is *withdrawn*, with the
  reason; it is never deleted. Flags raised by an older version of a rule are left for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from education.vocabulary import Treatment, Urgency
from monitoring.flags import events
from monitoring.models import Flag
from monitoring.rules import engine
from monitoring.rules.catalogue import RULES
from monitoring.rules.data import TIME, Finding, Observation
from monitoring.rules.thresholds import Thresholds
from tracker.models import Entry, Profile, WatchedArea

_FIELDS = (
    "pk",
    "code",
    "area__code",
    "area__site",
    "date",
    "signs",
    "change",
    "size_mm",
    "pain",
    "itch",
    "treatment",
    "treatment_since",
)


@dataclass
class Result:
    """What one evaluation changed."""

    raised: list[Flag] = field(default_factory=list)
    escalated: list[Flag] = field(default_factory=list)
    withdrawn: list[Flag] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.raised += other.raised
        self.escalated += other.escalated
        self.withdrawn += other.withdrawn


def thresholds() -> Thresholds:
    """The rule thresholds: defaults overridden by ``settings.MONITORING_THRESHOLDS``."""
    mapping = getattr(settings, "MONITORING_THRESHOLDS", None)
    if mapping is not None and not isinstance(mapping, dict):
        raise ImproperlyConfigured("MONITORING_THRESHOLDS: expected an object of thresholds")
    try:
        return Thresholds.from_mapping(mapping)
    except ValueError as error:
        raise ImproperlyConfigured(f"MONITORING_THRESHOLDS: {error}") from None


def evaluate_entry(*, entry: Entry, today: date | None = None) -> Result:
    """Judge `entry` and the rest of its area again, after it was saved or edited.

    The whole area is judged (an edit can change what later entries are compared with), in one
    pass over its entries dated up to `today`; the time rules judge the area's latest entry on
    its own date (the daily command judges it on later days).
    """
    area = entry.area
    return _evaluate_area(
        area=area,
        today=today or timezone.localdate(),
        history=_history(area.patient_id),
        thresholds=thresholds(),
    )


def evaluate_patient(*, patient, today: date | None = None) -> Result:
    """Judge every area of `patient` again (their profile history changed)."""
    today = today or timezone.localdate()
    history, limits, result = _history(patient.pk), thresholds(), Result()
    for area in WatchedArea.objects.filter(patient=patient):
        result.add(_evaluate_area(area=area, today=today, history=history, thresholds=limits))
    return result


def evaluate_time(*, patient=None, today: date | None = None) -> Result:
    """Add the findings that depend on time passing (the daily command). Safe to run twice.

    Every area is looked at, resolved or not: only what the patient logged decides, and an area
    whose latest entry is "gone" with no signs is skipped by the rules themselves.
    """
    today = today or timezone.localdate()
    areas = WatchedArea.objects.order_by("pk")
    profiles = Profile.objects.all()
    if patient is not None:
        areas, profiles = areas.filter(patient=patient), profiles.filter(user=patient)
    histories = dict(profiles.values_list("user_id", "history"))
    limits, result = thresholds(), Result()
    for area in areas.iterator():
        history = frozenset(histories.get(area.patient_id) or ())
        result.add(
            _evaluate_area(
                area=area, today=today, history=history, thresholds=limits, time_only=True
            )
        )
    return result


# --- helpers ------------------------------------------------------------------------------------


def _history(patient_id) -> frozenset[str]:
    history = Profile.objects.filter(user_id=patient_id).values_list("history", flat=True).first()
    return frozenset(history or ())


def _observations(entries) -> tuple[list[Observation], dict[str, int], dict[str, date]]:
    """Entries as rule observations (logging order), with their primary keys and dates by key."""
    observations, pks, dates = [], {}, {}
    for row in entries.order_by("date", "created_at", "pk").values(*_FIELDS):
        key = str(row["code"])
        pks[key], dates[key] = row["pk"], row["date"]
        observations.append(
            Observation(
                area=str(row["area__code"]),
                site=row["area__site"],
                date=row["date"],
                signs=frozenset(row["signs"] or ()),
                change=row["change"] or None,
                size_mm=row["size_mm"],
                pain=row["pain"],
                itch=row["itch"],
                treatment=row["treatment"] or Treatment.NONE,
                treatment_since=row["treatment_since"],
                key=key,
            )
        )
    return observations, pks, dates


@transaction.atomic
def _evaluate_area(*, area, today, history, thresholds, time_only=False) -> Result:
    entries, pks, dates = _observations(Entry.objects.filter(area=area, date__lte=today))
    if not entries:
        return Result()
    options = {"history": history, "today": today, "thresholds": thresholds}
    if time_only:
        others: list[Observation] = []
        findings = engine.evaluate_time(area_history=entries, **options)
    else:
        others, _, _ = _observations(
            Entry.objects.filter(area__patient_id=area.patient_id, date__lte=today).exclude(
                area=area
            )
        )
        findings = [
            finding
            for finding in engine.evaluate(area_history=entries, other_areas=others, **options)
            if finding.kind != TIME
        ]
        # After a save, the time rules judge the latest entry on the day it describes, as if it
        # had been logged that day (as the scenario harness does): a back-dated entry is not
        # judged "as of today" while newer entries may still be on their way. The daily command
        # judges it on `today`.
        findings += engine.evaluate_time(
            area_history=entries, **{**options, "today": entries[-1].date}
        )

    kept = list(Flag.objects.filter(area=area, state__in=[Flag.State.OPEN, Flag.State.REVIEWED]))
    by_key: dict[tuple[str, int], list[Flag]] = {}
    for flag in kept:
        by_key.setdefault((flag.rule, flag.entry_id), []).append(flag)

    result = Result()
    for finding in findings:
        entry_pk = pks[finding.entry_key]
        same = by_key.get((finding.rule, entry_pk), [])
        flag = next((f for f in same if f.state == Flag.State.OPEN), None)
        if flag is not None:
            if Urgency.rank_of(finding.urgency) > Urgency.rank_of(flag.urgency):
                _fill(flag, finding)
                result.escalated.append(flag)
        elif not same:  # nothing open, nothing reviewed
            flag = Flag(patient_id=area.patient_id, area=area, entry_id=entry_pk)
            _fill(flag, finding)
            result.raised.append(flag)
    # A concurrent evaluation of the same area may have opened the same flag: the partial unique
    # constraint refuses the duplicate and this insert skips it.
    Flag.objects.bulk_create(result.raised, ignore_conflicts=True)
    Flag.objects.bulk_update(
        result.escalated, ["urgency", "rule_version", "reason", "facts", "warning_sign"]
    )
    _announce(area, result)
    if not time_only:
        found = {(f.rule, pks[f.entry_key]) for f in findings}
        stale = [
            flag
            for flag in kept
            if flag.state == Flag.State.OPEN and (flag.rule, flag.entry_id) not in found
        ]
        result.withdrawn = _withdraw(stale, entries, others, pks, dates, options)
    return result


def _announce(area, result: Result) -> None:
    # `ignore_conflicts` leaves the primary keys of the new rows unset: read them back.
    opened = {(flag.rule, flag.entry_id) for flag in result.raised}
    stored = Flag.objects.filter(
        area=area, state=Flag.State.OPEN, entry_id__in={entry for _, entry in opened}
    )
    for flag in [f for f in stored if (f.rule, f.entry_id) in opened] + result.escalated:
        events.announce(patient_id=flag.patient_id, finding_id=flag.pk, urgency=flag.urgency)


def _fill(flag: Flag, finding: Finding) -> None:
    flag.rule = finding.rule
    flag.rule_version = finding.version
    flag.urgency = finding.urgency
    flag.kind = finding.kind
    flag.warning_sign = finding.warning_sign or ""
    flag.reason = finding.reason
    flag.facts = {**finding.facts, "templates": list(finding.templates)}


def _withdraw(stale, entries, others, pks, dates, options) -> list[Flag]:
    """Withdraw the open flags whose rule no longer holds for their entry."""
    by_key = {observation.key: observation for observation in entries}
    keys = {pk: key for key, pk in pks.items()}
    withdrawn, now, today = [], timezone.now(), options["today"]
    rechecked: dict[int, set[str]] = {}
    for flag in stale:
        rule = RULES.get(flag.rule)
        key = keys.get(flag.entry_id)
        if rule is None or rule.version != flag.rule_version or key is None:
            continue  # an older rule, or an entry dated after `today`: left for review
        if flag.kind == Flag.Kind.TIME:
            # A time flag was raised while its entry was the area's latest; it stands while the
            # entry, judged as the latest on `today`, still meets the rule.
            if flag.entry_id not in rechecked:
                again = engine.evaluate_entry(
                    entry=by_key[key], area_history=entries, other_areas=others, **options
                )
                rechecked[flag.entry_id] = {f.rule for f in again}
            if flag.rule in rechecked[flag.entry_id]:
                continue
        flag.state = Flag.State.WITHDRAWN
        flag.withdrawn_at = now
        flag.withdrawn_reason = (
            f"Withdrawn on {today.isoformat()}: after a change to the entries of this area, rule "
            f"{flag.rule} (version {flag.rule_version}) no longer holds for the entry of "
            f"{dates[key].isoformat()}."
        )
        withdrawn.append(flag)
    Flag.objects.bulk_update(withdrawn, ["state", "withdrawn_at", "withdrawn_reason"])
    return withdrawn
