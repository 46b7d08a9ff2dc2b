"""Reminding patients: the rhythm they picked, and the watch plans their clinicians asked for.

A reminder goes when `every_days` have passed since the later of the last check, the last
reminder and the plan's start (at most `WATCH_EVERY_DAYS` while an area the patient still
watches has an open concern: an area under watch is checked weekly); a missed one is nudged
once, `REMINDER_NUDGE_DAYS` later, and not again until the patient has checked (the rhythm's
reminders go on, never more often). Nothing is sent in the patient's quiet hours or while
paused. Every message says only "It is time for your skin check": never an area or a sign.
Each send is claimed by a conditional UPDATE, so two workers never send the same one.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.models import Concern, PushSubscription, ReminderPlan, WatchPlan
from monitoring.reminders import mail, push
from tracker.models import Entry, User

UNSUBSCRIBE_SALT = "monitoring.reminders.unsubscribe"


@dataclass
class Sent:
    reminders: int = 0
    nudges: int = 0
    watch_reminders: int = 0
    watch_nudges: int = 0
    visits: int = 0


def plan_for(patient) -> ReminderPlan:
    plan, _created = ReminderPlan.objects.get_or_create(patient=patient)
    return plan


def gets_reminders(patient) -> bool:
    """Will the patient hear of a reminder at all (email, or push to a browser)?"""
    plan = ReminderPlan.objects.filter(patient=patient).first()
    if plan is not None and plan.paused:
        return False
    if plan is None or plan.by_email:
        return True
    return push.enabled() and PushSubscription.objects.filter(patient=patient).exists()


def is_quiet(*, quiet_from: int, quiet_until: int, now: datetime) -> bool:
    hour = timezone.localtime(now).hour
    if quiet_from == quiet_until:
        return False
    if quiet_from < quiet_until:
        return quiet_from <= hour < quiet_until
    return hour >= quiet_from or hour < quiet_until  # wraps past midnight


def every_days(plan: ReminderPlan, *, watching: bool) -> int:
    """The patient's rhythm; weekly at most while an area has an open concern (issue 15: "weekly
    for an area under watch"; the seed asks that an evolving change be looked at again)."""
    return min(plan.every_days, settings.WATCH_EVERY_DAYS) if watching else plan.every_days


def next_due(
    plan: ReminderPlan, last_check: datetime | None, *, watching: bool = False
) -> datetime:
    anchor = max(t for t in (plan.started_at, plan.reminded_at, last_check) if t is not None)
    return anchor + timedelta(days=every_days(plan, watching=watching))


def watched_concerns():
    """Open concerns of areas the patient still watches (not marked resolved)."""
    return Concern.objects.open().filter(area__resolved_at__isnull=True)


def under_watch():
    """Has the plan's patient an area under watch? (An expression for `annotate`.)"""
    return Exists(watched_concerns().filter(patient=OuterRef("patient")))


def unsubscribe_token(patient) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(patient.code))


def patient_for_unsubscribe(token: str):
    try:
        code = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(code=code).first()


def _last_check():
    entries = Entry.objects.filter(area__patient=OuterRef("patient"))
    return Subquery(
        entries.values("area__patient").annotate(last=Max("created_at")).values("last")[:1]
    )


def _send(patient, *, nudge: bool = False, by_email: bool = True, visit: bool = False) -> None:
    push.queue_to(patient)
    if not by_email:
        return
    unsubscribe = mail.site_url(
        reverse("monitoring:unsubscribe", kwargs={"token": unsubscribe_token(patient)})
    )
    mail.queue(
        to=patient.email,
        subject=_("It is time for your skin check"),
        template="monitoring/reminders/reminder_email.txt",
        context={
            "nudge": nudge,
            "visit": visit,
            "summary_url": mail.site_url(reverse("monitoring:summary")),
            "url": mail.site_url(reverse("tracker:home")),
            "settings_url": mail.site_url(reverse("monitoring:reminders")),
            "unsubscribe_url": unsubscribe,
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _claim(model, pk, field, seen, now) -> bool:
    """Set `field` to `now` only if it still holds `seen`: one worker wins."""
    return model.objects.filter(pk=pk, **{field: seen}).update(**{field: now}) == 1


def start_missing_plans() -> None:
    """Everyone who watches an area gets the default rhythm (once a month) without asking."""
    missing = User.objects.filter(areas__isnull=False, reminder_plan__isnull=True).distinct()
    ReminderPlan.objects.bulk_create(
        [ReminderPlan(patient=patient) for patient in missing.only("pk")], ignore_conflicts=True
    )


def send_due_reminders(*, now: datetime | None = None) -> Sent:
    now = now or timezone.now()
    sent = Sent()
    start_missing_plans()
    has_push = Exists(PushSubscription.objects.filter(patient=OuterRef("patient")))
    plans = (
        ReminderPlan.objects.filter(paused=False)
        .annotate(last_check=_last_check(), has_push=has_push, watching=under_watch())
        .filter(Q(by_email=True) | Q(has_push=True))
        .select_related("patient")
    )
    for plan in plans.iterator():
        if is_quiet(quiet_from=plan.quiet_from, quiet_until=plan.quiet_until, now=now):
            continue
        with transaction.atomic():
            if now >= next_due(plan, plan.last_check, watching=plan.watching):
                if _claim(ReminderPlan, plan.pk, "reminded_at", plan.reminded_at, now):
                    _send(plan.patient, nudge=False, by_email=plan.by_email)
                    sent.reminders += 1
            elif (
                plan.reminded_at is not None
                and (plan.last_check is None or plan.last_check < plan.reminded_at)
                # Once per missed stretch: no second nudge until they have checked again.
                and (plan.nudged_at is None or (plan.last_check or plan.nudged_at) > plan.nudged_at)
                and now >= plan.reminded_at + timedelta(days=settings.REMINDER_NUDGE_DAYS)
                and _claim(ReminderPlan, plan.pk, "nudged_at", plan.nudged_at, now)
            ):
                _send(plan.patient, nudge=True, by_email=plan.by_email)
                sent.nudges += 1
    _watch_plans(now, sent)
    _visits(now, sent)
    return sent


def _visits(now: datetime, sent: Sent) -> None:
    """`VISIT_REMINDER_DAYS` before the next appointment in the profile: a check now, and the
    visit summary to bring (the profile's promise: "We remind you what to bring up")."""
    today = timezone.localdate(now)
    plans = (
        ReminderPlan.objects.filter(
            paused=False,
            patient__profile__next_appointment__gte=today,
            patient__profile__next_appointment__lte=today
            + timedelta(days=settings.VISIT_REMINDER_DAYS),
        )
        .exclude(visit_reminded_for=F("patient__profile__next_appointment"))
        .select_related("patient", "patient__profile")
    )
    for plan in plans.iterator():
        if is_quiet(quiet_from=plan.quiet_from, quiet_until=plan.quiet_until, now=now):
            continue
        visit = plan.patient.profile.next_appointment
        with transaction.atomic():
            if _claim(ReminderPlan, plan.pk, "visit_reminded_for", plan.visit_reminded_for, visit):
                _send(plan.patient, visit=True, by_email=plan.by_email)
                sent.visits += 1


def checked_since_plan():
    return Exists(
        Entry.objects.filter(area=OuterRef("area"), created_at__gte=OuterRef("created_at"))
    )


def _watch_plans(now: datetime, sent: Sent) -> None:
    today = timezone.localdate(now)
    paused = ReminderPlan.objects.filter(patient=OuterRef("patient"), paused=True)
    plans = (
        WatchPlan.objects.active()
        .filter(due_on__lte=today)
        .filter(Q(reminded_at__isnull=True) | Q(nudged_at__isnull=True))
        .annotate(done=checked_since_plan(), paused=Exists(paused))
        .filter(done=False, paused=False)
        .select_related("patient", "patient__reminder_plan")
    )
    for plan in plans.iterator():
        rhythm = getattr(plan.patient, "reminder_plan", None)
        quiet = (rhythm.quiet_from, rhythm.quiet_until) if rhythm else (21, 8)
        by_email = rhythm.by_email if rhythm else True
        if is_quiet(quiet_from=quiet[0], quiet_until=quiet[1], now=now):
            continue
        with transaction.atomic():
            if plan.reminded_at is None:
                if _claim(WatchPlan, plan.pk, "reminded_at", None, now):
                    _send(plan.patient, nudge=False, by_email=by_email)
                    sent.watch_reminders += 1
            elif now >= plan.reminded_at + timedelta(days=settings.REMINDER_NUDGE_DAYS) and _claim(
                WatchPlan, plan.pk, "nudged_at", None, now
            ):
                _send(plan.patient, nudge=True, by_email=by_email)
                sent.watch_nudges += 1


def missed_watch_plans(*, patients, today=None):
    """Active watch plans of `patients` whose day has passed with no check of the area since."""
    today = today or timezone.localdate()
    return (
        WatchPlan.objects.active()
        .filter(patient__in=patients, due_on__lt=today)
        .annotate(done=checked_since_plan())
        .filter(done=False)
    )


def ask_to_watch(*, area, clinician, days: int) -> WatchPlan:
    """A clinician asks for `area` to be checked again in `days` days. Replaces the area's earlier
    active plan, so the patient has one date per area."""
    now = timezone.now()
    with transaction.atomic():
        WatchPlan.objects.active().filter(area=area).update(cancelled_at=now)
        return WatchPlan.objects.create(
            area=area,
            patient=area.patient,
            requested_by=clinician,
            days=days,
            due_on=timezone.localdate(now) + timedelta(days=days),
        )


def with_watch_plans(areas, *, today=None):
    """`areas` as a list, each with `.watch_plan`: its active plan (with `.missed`) or None."""
    today = today or timezone.localdate()
    areas = list(areas)
    plans = (
        WatchPlan.objects.active()
        .filter(area__in=[area.pk for area in areas])
        .annotate(done=checked_since_plan())
    )
    by_area = {plan.area_id: plan for plan in plans}
    for area in areas:
        plan = by_area.get(area.pk)
        if plan is not None:
            plan.missed = not plan.done and plan.due_on < today
        area.watch_plan = plan
    return areas
