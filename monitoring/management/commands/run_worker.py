"""The background worker: django-tasks-db's worker loop plus the schedule and a heartbeat."""

import signal
import sys
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string

from monitoring.reminders import schedule
from monitoring.reminders.worker import batch_worker
from tracker.health import beat

HEARTBEAT_SECONDS = 60
SCHEDULE_SECONDS = 15  # the shortest job runs every 15 minutes; daily ones at the hour


class Command(BaseCommand):
    help = (
        "Run background tasks (mail, reminders, the daily rules) and their schedule. Run one or "
        "more; on PostgreSQL any number can share the queue and the schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when there is no work."
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run tasks; leave the schedule to other workers (or to cron).",
        )
        parser.add_argument(
            "--max-idle",
            type=float,
            default=None,
            help="Exit after this many seconds with no task to run (tests and benchmarks).",
        )

    def handle(self, *args, interval, no_schedule, max_idle, **options):
        worker = batch_worker(get_random_string(32))
        self._stop_on_signals(worker)
        self.stdout.write(f"Worker {worker.worker_id[:8]} started.")
        last_beat = last_tick = float("-inf")  # both at once on start
        idle_since = time.monotonic()
        while worker.running:
            close_old_connections()
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                beat()
                last_beat = time.monotonic()
            if not no_schedule and time.monotonic() - last_tick >= SCHEDULE_SECONDS:
                schedule.tick(now=timezone.now())
                last_tick = time.monotonic()
            before = worker._run_tasks
            worker.run()
            if worker._run_tasks != before:
                idle_since = time.monotonic()
            elif max_idle is not None and time.monotonic() - idle_since >= max_idle:
                break
            if worker.running:
                time.sleep(interval)
        self.stdout.write(f"Worker {worker.worker_id[:8]} stopped.")

    @staticmethod
    def _stop_on_signals(worker):
        """SIGTERM or SIGINT: finish the current task, then leave the loop; a second one stops at
        once. django-tasks-db's own handler exits on the spot when no task runs, which could land
        inside a schedule tick or a heartbeat's query (CI saw such a stop end with code 1)."""

        def stop(signum, frame):
            if not worker.running:
                sys.exit(1)
            worker.running = False

        for name in ("SIGINT", "SIGTERM", "SIGQUIT"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), stop)
