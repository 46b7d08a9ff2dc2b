"""Writes the access log: one row per read of a patient's data by someone else, and per refusal.

Connected in MonitoringConfig.ready() to `tracker.access.patient_data_accessed`, which every access
helper sends. Rows hold who, whose record, what kind of thing (a short code), its public code, the
path without the query string, the address and when; never health data.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from monitoring.models import AccessLogEntry
from tracker.models import CareGrant, User

MAX_PATH = 300

# Views that list many patients (triage) log at most one row per viewer, patient and day: the
# patient learns who looked at their record that day without the log growing with page views.
# Opening a record or a photo still writes one row per read.
ONCE_A_DAY = {AccessLogEntry.What.PATIENT_LIST}


def client_address(request):
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; the deployment's proxy should set
    # it from the real client (e.g. gunicorn --forwarded-allow-ips). We never trust a header here.
    return request.META.get("REMOTE_ADDR") or None


def keep_until(now=None):
    return (now or timezone.now()) + timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)


def record(
    sender,
    *,
    request,
    patient_ids,
    what,
    object_code=None,
    allowed=True,
    wrote=False,
    role=None,
    **kwargs,
):
    actor = request.user
    if not actor.is_authenticated:
        return
    if what not in AccessLogEntry.What.values:
        what = AccessLogEntry.What.OTHER
    known = [pid for pid in patient_ids if pid is not None]
    if what in ONCE_A_DAY and allowed:
        patient_ids = known = _not_logged_today(actor, known, what)
        if not known:
            return
    roles, pseudonyms = {}, {}
    if known:
        if role is None:
            grants = CareGrant.objects.active().filter(member=actor, patient_id__in=known)
            roles = dict(grants.values_list("patient_id", "role"))
        people = User.objects.filter(pk__in=known)
        pseudonyms = dict(people.values_list("pk", "log_pseudonym"))
    until = keep_until()
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=actor,
            actor_pseudonym=actor.log_pseudonym,
            patient_id=pid,
            patient_pseudonym=pseudonyms.get(pid),
            actor_role=role or roles.get(pid, ""),
            wrote=wrote,
            keep_until=until,
            what=what,
            object_code=object_code,
            path=request.path[:MAX_PATH],
            ip_address=client_address(request),
            allowed=allowed,
        )
        for pid in patient_ids
    )


def _not_logged_today(actor, patient_ids, what):
    """The `patient_ids` that `actor` has no `what` row for since local midnight (one query on
    `accesslog_actor_what_at_idx`). Two list views racing can both write a row for the same day:
    the log may hold a duplicate, never a gap."""
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.combine(today, time.min))
    logged = set(
        AccessLogEntry.objects.filter(
            actor=actor,
            what=what,
            patient_id__in=patient_ids,
            at__gte=midnight,
            at__lt=midnight + timedelta(days=1),
        ).values_list("patient_id", flat=True)
    )
    return [pid for pid in patient_ids if pid not in logged]
