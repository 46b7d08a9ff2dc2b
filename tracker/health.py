"""/healthz for the load balancer and monitoring: is the database up, can the photo store be
reached, is the background worker alive? Public (no login) and holds no data: only "ok",
"fail", "stale" or "unknown" per check. 200 when healthy, 503 otherwise.

The worker check reads one row: ``Heartbeat(name="worker")``, which the background worker
(issue 15) touches every minute by calling ``beat()``. No row yet: "unknown" (no worker has
ever run; healthy still, until one is deployed). Older than ``WORKER_STALE_MINUTES``: "stale",
and the answer is 503.
"""

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tracker.models import Heartbeat

logger = logging.getLogger(__name__)

WORKER = "worker"
PROBE = "healthz-probe"  # never written: asking whether it exists proves the store answers


def beat(name=WORKER, *, at=None):
    """Record that the process `name` is alive now. The worker calls this every minute."""
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": at or timezone.now()})


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # any failure means "not healthy"; the log says which
        logger.exception("Health check: the database did not answer")
        return "fail"


def storage_status(storage=None):
    storage = storage or default_storage
    try:
        if isinstance(storage, FileSystemStorage):
            location = storage.location
            ok = os.path.isdir(location) and os.access(location, os.W_OK | os.X_OK)
            return "ok" if ok else "fail"
        if hasattr(storage, "ping"):  # S3: the bucket itself answers
            storage.ping()
        else:
            storage.exists(PROBE)
        return "ok"
    except Exception:
        logger.exception("Health check: the photo store did not answer")
        return "fail"


def worker_status(now=None):
    try:
        last = Heartbeat.objects.filter(name=WORKER).values_list("beat_at", flat=True).first()
    except Exception:
        return "unknown"  # the database check reports the failure
    if last is None:
        return "unknown"
    stale_after = timedelta(minutes=settings.WORKER_STALE_MINUTES)
    return "stale" if (now or timezone.now()) - last > stale_after else "ok"


def health():
    checks = {
        "database": database_status(),
        "storage": storage_status(),
        "worker": worker_status(),
    }
    healthy = checks["database"] == "ok" and checks["storage"] == "ok"
    return checks, healthy and checks["worker"] != "stale"


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks, healthy = health()
    return JsonResponse(checks, status=200 if healthy else 503)
