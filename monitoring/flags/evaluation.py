"""Store what the rules find as concerns. The only code that writes concerns (reviews aside).

Each run folds an area's checks, its reviews and its resolution with the pure concern fold
(`monitoring.rules.fold.fold_area`, the same function the scenario harness runs) and brings the
stored concerns in line with the fold's open ones:

- an open concern of the fold with no open row for its (area, rule) opens one;
- an open row is updated (latest check, facts, reason, urgency shown); its raised urgency only
  rises; `events.announce` tells other rooms when a concern opens or its urgency rises;
- after an edit, an open row whose rule no longer holds is *withdrawn* with the reason, never
  deleted; rows of an older version of a rule (or a rule since removed) are left for review;
- the links say which checks opened, updated or raised each concern; they are only added.

`evaluate_entry` runs right after a check is saved or edited (same transaction, see
`monitoring.flags.signals`); it judges every area of the patient, since a fever or new signs in
one area change what the others mean. `evaluate_time` runs from the daily ``evaluate_flags``
command, `evaluate_patient` after the profile or an area changes. All are idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from education.vocabulary import Treatment, Urgency
from monitoring.flags import events
from monitoring.models import Concern, ConcernCheck
from monitoring.rules.catalogue import RULES
from monitoring.rules.data import Observation
from monitoring.rules.fold import AreaConcerns, Resolution, Review, fold_area, lowered
from monitoring.rules.thresholds import Thresholds
from tracker.models import Entry, Profile, WatchedArea

_FIELDS = (
    "pk",
    "code",
    "area_id",
    "area__code",
    "area__site",
    "date",
    "created_at",
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

    raised: list[Concern] = field(default_factory=list)
    escalated: list[Concern] = field(default_factory=list)
    withdrawn: list[Concern] = field(default_factory=list)
    updated: list[Concern] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.raised += other.raised
        self.escalated += other.escalated
        self.withdrawn += other.withdrawn
        self.updated += other.updated


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
    """Judge the patient's areas again after `entry` was saved or edited."""
    return evaluate_patient(patient_id=entry.area.patient_id, today=today)


def evaluate_patient(*, patient=None, patient_id=None, today: date | None = None) -> Result:
    """Judge every area of a patient again (a check, their history or an area changed)."""
    patient_id = patient_id if patient_id is not None else patient.pk
    return _evaluate_patient(
        patient_id, today=today or timezone.localdate(), limits=thresholds(), time_only=False
    )


def evaluate_time(*, patient=None, today: date | None = None) -> Result:
    """The daily run: bring every patient's concerns up to `today`. Safe to run twice."""
    today, limits, result = today or timezone.localdate(), thresholds(), Result()
    areas = WatchedArea.objects.all()
    if patient is not None:
        areas = areas.filter(patient=patient)
    for patient_id in areas.order_by("patient_id").values_list("patient_id", flat=True).distinct():
        result.add(_evaluate_patient(patient_id, today=today, limits=limits, time_only=True))
    return result


# --- helpers ------------------------------------------------------------------------------------


def _history(patient_id) -> frozenset[str]:
    history = Profile.objects.filter(user_id=patient_id).values_list("history", flat=True).first()
    return frozenset(history or ())


@dataclass
class _Checks:
    """The patient's checks as rule observations, by area, with their rows' keys."""

    by_area: dict[int, list[Observation]]
    pks: dict[str, int]
    logged_at: dict[str, object]

    @classmethod
    def load(cls, patient_id, today: date) -> _Checks:
        by_area: dict[int, list[Observation]] = {}
        pks, logged_at = {}, {}
        rows = (
            Entry.objects.filter(area__patient_id=patient_id, date__lte=today)
            .order_by("date", "created_at", "pk")
            .values(*_FIELDS)
        )
        for row in rows:
            key = str(row["code"])
            pks[key], logged_at[key] = row["pk"], row["created_at"]
            by_area.setdefault(row["area_id"], []).append(
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
        return cls(by_area, pks, logged_at)

    def others(self, area_pk: int) -> list[Observation]:
        return [o for pk, checks in self.by_area.items() if pk != area_pk for o in checks]


def _reviews(area, checks: list[Observation], logged_at) -> list[Review]:
    """The area's stored reviews as fold events; a check logged after a review on the review's
    own day comes after it (it is new evidence)."""
    reviews = []
    rows = Concern.objects.filter(area=area, state=Concern.State.REVIEWED).values_list(
        "rule", "reviewed_at", "outcome"
    )
    for rule, reviewed_at, outcome in rows:
        day = timezone.localdate(reviewed_at)
        seen = frozenset(c.key for c in checks if c.date == day and logged_at[c.key] <= reviewed_at)
        reviews.append(Review(str(area.code), day, rule=rule, outcome=outcome, seen=seen))
    return sorted(reviews, key=lambda r: r.date)


def fold_stored_area(area, checks: _Checks, *, history, today, limits) -> AreaConcerns:
    own = checks.by_area.get(area.pk, [])
    resolutions = []
    if area.resolved_at is not None:
        resolutions.append(Resolution(str(area.code), timezone.localdate(area.resolved_at)))
    return fold_area(
        area_checks=own,
        other_checks=checks.others(area.pk),
        reviews=_reviews(area, own, checks.logged_at),
        resolutions=resolutions,
        history=history,
        today=today,
        thresholds=limits,
    )


def _evaluate_patient(patient_id, *, today, limits, time_only) -> Result:
    history = _history(patient_id)
    checks = _Checks.load(patient_id, today)
    result = Result()
    for area in WatchedArea.objects.filter(patient_id=patient_id).order_by("pk"):
        folded = fold_stored_area(area, checks, history=history, today=today, limits=limits)
        result.add(_store(area, folded, checks.pks, today=today, time_only=time_only))
    return result


@transaction.atomic
def _store(area, folded: AreaConcerns, pks: dict[str, int], *, today, time_only) -> Result:
    result = Result()
    stored = _open_by_rule(area)
    links: list[tuple[Concern, list]] = []
    for found in folded.open:
        concern = stored.pop(found.rule, None)
        if concern is None:
            concern = Concern(
                patient_id=area.patient_id,
                area=area,
                rule=found.rule,
                opened_on=found.opened_on,
                first_entry_id=pks.get(found.first_key),
                raised_urgency=found.raised_urgency,
            )
            _fill(concern, found, pks)
            try:
                with transaction.atomic():  # a savepoint: a lost race must not undo the check
                    concern.save()
            except IntegrityError:
                # Another evaluation of this area opened it first: update that one instead.
                concern = Concern.objects.open().get(area=area, rule=found.rule)
                _fill(concern, found, pks)
                concern.save()
            else:
                result.raised.append(concern)
        else:
            before = (concern.raised_urgency, concern.urgency, concern.latest_entry_id)
            rose = Urgency.rank_of(found.raised_urgency) > Urgency.rank_of(concern.raised_urgency)
            if rose:
                concern.raised_urgency = found.raised_urgency
            _fill(concern, found, pks)
            concern.save()
            if rose:
                result.escalated.append(concern)
            elif before != (concern.raised_urgency, concern.urgency, concern.latest_entry_id):
                result.updated.append(concern)
        links.append((concern, found.links))
    _link(links, pks)
    for concern in result.raised + result.escalated:
        events.announce(
            patient_id=concern.patient_id, finding_id=concern.pk, urgency=concern.raised_urgency
        )
    if not time_only:
        result.withdrawn = _withdraw(stored.values(), today)
    return result


def _open_by_rule(area) -> dict[str, Concern]:
    return {c.rule: c for c in Concern.objects.open().filter(area=area).select_for_update()}


def _fill(concern: Concern, found, pks) -> None:
    concern.rule_version = found.version
    concern.kind = found.kind
    raised = max(concern.raised_urgency, found.raised_urgency, key=Urgency.rank_of)
    concern.raised_urgency = raised
    concern.urgency = lowered(raised) if found.lowered else raised
    concern.warning_sign = found.warning_sign or ""
    concern.reason = found.reason
    concern.facts = {**found.facts, "templates": list(found.templates)}
    concern.latest_entry_id = pks.get(found.latest_key)


def _link(links, pks) -> None:
    """Add the links the fold found that are not stored yet; "updated" may become "opened" or
    "raised", never the other way. Reads the stored ones as tuples (an area may have thousands)."""
    wanted = {}
    for concern, found_links in links:
        for link in found_links:
            entry_id = pks.get(link.entry_key)
            if entry_id is not None:
                wanted[concern.pk, entry_id] = link.action
    if not wanted:
        return
    have = {
        (concern_id, entry_id): (pk, action)
        for pk, concern_id, entry_id, action in ConcernCheck.objects.filter(
            concern_id__in={concern_id for concern_id, _ in wanted}
        ).values_list("pk", "concern_id", "entry_id", "action")
    }
    new, promote = [], {}
    for (concern_id, entry_id), action in wanted.items():
        stored = have.get((concern_id, entry_id))
        if stored is None:
            new.append(ConcernCheck(concern_id=concern_id, entry_id=entry_id, action=action))
        elif stored[1] == ConcernCheck.Action.UPDATED and action != stored[1]:
            promote.setdefault(action, []).append(stored[0])
    ConcernCheck.objects.bulk_create(new, ignore_conflicts=True)
    for action, ids in promote.items():
        ConcernCheck.objects.filter(pk__in=ids).update(action=action)


def _withdraw(stale, today) -> list[Concern]:
    """Withdraw open concerns whose rule (in its current version) no longer holds."""
    withdrawn, now = [], timezone.now()
    for concern in stale:
        rule = RULES.get(concern.rule)
        if rule is None or rule.version != concern.rule_version:
            continue  # an older rule: left for the care team to review
        concern.state = Concern.State.WITHDRAWN
        concern.withdrawn_at = now
        concern.withdrawn_reason = (
            f"Withdrawn on {today.isoformat()}: after a change to this area's checks or the "
            f"profile, rule {concern.rule} (version {concern.rule_version}) no longer holds."
        )
        withdrawn.append(concern)
    Concern.objects.bulk_update(withdrawn, ["state", "withdrawn_at", "withdrawn_reason"])
    return withdrawn
