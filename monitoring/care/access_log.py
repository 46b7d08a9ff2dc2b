"""Writes the access log: one row per read of a patient's data by someone else, and per refusal.

Connected in MonitoringConfig.ready() to `tracker.access.patient_data_accessed`, which every access
helper sends. Rows hold who, whose record, what kind of thing (a short code), its public code, the
path without the query string, the address and when; never health data.
"""

from monitoring.models import AccessLogEntry
from tracker.models import CareGrant

MAX_PATH = 300


def client_address(request):
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; the deployment's proxy should set
    # it from the real client (e.g. gunicorn --forwarded-allow-ips). We never trust a header here.
    return request.META.get("REMOTE_ADDR") or None


def record(sender, *, request, patient_ids, what, object_code=None, allowed=True, **kwargs):
    actor = request.user
    if not actor.is_authenticated:
        return
    known = [pid for pid in patient_ids if pid is not None]
    roles = {}
    if known:
        grants = CareGrant.objects.active().filter(member=actor, patient_id__in=known)
        roles = dict(grants.values_list("patient_id", "role"))
    if what not in AccessLogEntry.What.values:
        what = AccessLogEntry.What.OTHER
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=actor,
            patient_id=pid,
            actor_role=roles.get(pid, ""),
            what=what,
            object_code=object_code,
            path=request.path[:MAX_PATH],
            ip_address=client_address(request),
            allowed=allowed,
        )
        for pid in patient_ids
    )
