"""Real worker processes against PostgreSQL: two `run_worker` processes share one queue and one
schedule; every task runs exactly once, the daily jobs are enqueued once, an urgent alert's
mail goes out, and SIGTERM stops a worker cleanly. Skipped unless DATABASE_URL is PostgreSQL
(CI runs the suite against PostgreSQL)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from monitoring.flags.events import finding_raised
from monitoring.models import CareAlert
from monitoring.reminders import tasks
from tracker.models import Heartbeat

ROOT = Path(__file__).resolve().parent.parent


def worker_env():
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}


def start_worker(*extra):
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1", *extra],
        cwd=ROOT,
        env=worker_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)")


def test_two_real_workers_share_the_queue_and_the_schedule(postgres, patient, invited_clinician):
    noops = [tasks.noop.enqueue() for _ in range(60)]
    finding_raised.send(sender=None, patient_id=patient.pk, finding_id=1, urgency="urgent")
    workers = [start_worker("--max-idle", "3") for _ in range(2)]
    outputs = [w.communicate(timeout=120)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs

    results = DBTaskResult.objects.all()
    assert not results.exclude(status="SUCCESSFUL").exists(), list(
        results.exclude(status="SUCCESSFUL").values_list("task_path", "traceback")
    )
    for result in results:
        assert len(result.worker_ids) == 1  # claimed by one worker, never run twice
    assert results.filter(id__in=[r.id for r in noops]).count() == 60
    for job in ("run_daily_rules", "send_reminders", "run_photo_check", "clean_staged_photos"):
        assert results.filter(task_path__endswith=f".{job}").count() == 1, job
    (sent,) = results.filter(task_path__endswith=".send_email")
    assert sent.return_value == "sent"
    assert CareAlert.objects.get(member=invited_clinician).mailed_at is not None
    assert Heartbeat.objects.filter(name__in=["worker", "daily-rules"]).count() == 2


def test_sigterm_stops_a_worker(postgres):
    worker = start_worker()
    deadline = time.monotonic() + 60
    while not Heartbeat.objects.filter(name="worker").exists():
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.2)
    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
