"""Background worker benchmark: how many tasks per second one worker drains.

Run: .venv/bin/python bench/bench_tasks.py [--tasks N] [--repeat N] [--database-url URL] [--quick]

Uses a throwaway SQLite database in a temporary folder (or, with --database-url, an empty
PostgreSQL database you name), so it never touches the app's data. Each round enqueues N tasks,
then one worker (django-tasks-db's own loop, as `run_worker` runs it) drains them, timed:

- baseline:  `noop`, a task that does nothing: the queue's own round trip (insert, claim with a
             row lock, run, store the result);
- mail:      `send_email` to Django's in-memory mail backend: the app's busiest task, without the
             network (the SMTP server's own time is not ours to measure).

The two alternate round by round and the median is reported, with the ratio mail / baseline
(target: at most 1.5x, i.e. the task's own work costs less than half a queue round trip).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 1.5


def setup_django(folder, database_url):
    os.environ.update(DATA_DIR=folder, DEBUG="true", SECRET_KEY="bench-only", LOG_LEVEL="ERROR")
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def drain():
    from monitoring.reminders.worker import batch_worker

    worker = batch_worker("bench")
    started = time.perf_counter()
    worker.run()
    return time.perf_counter() - started, worker._run_tasks


def enqueue(kind, count):
    from django.core import mail

    from monitoring.reminders import tasks

    mail.outbox = []
    for _ in range(count):
        if kind == "noop":
            tasks.noop.enqueue()
        else:
            tasks.send_email.enqueue(
                to="someone@example.com",
                subject="It is time for your skin check",
                body="It is time for your skin check.\n\nhttp://127.0.0.1:8000/\n",
                headers={"List-Unsubscribe": "<http://127.0.0.1:8000/reminders/unsubscribe/x/>"},
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.tasks, args.repeat = 50, 1
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder, args.database_url)
        from django.db import connection
        from django_tasks_db.models import DBTaskResult

        times = {"noop": [], "mail": []}
        for _ in range(args.repeat):
            for kind in ("noop", "mail"):
                enqueue(kind, args.tasks)
                seconds, ran = drain()
                assert ran == args.tasks, (kind, ran)
                times[kind].append(seconds)
                DBTaskResult.objects.all().delete()
        noop, mail = statistics.median(times["noop"]), statistics.median(times["mail"])
        print(f"database: {connection.vendor}; {args.tasks} tasks per round, {args.repeat} rounds")
        print(f"baseline (no-op task): {args.tasks / noop:8.0f} tasks/s  ({noop * 1000:.0f} ms)")
        print(f"send_email (locmem):   {args.tasks / mail:8.0f} tasks/s  ({mail * 1000:.0f} ms)")
        ratio = mail / noop
        verdict = "ok" if ratio <= TARGET else "over target"
        print(f"ratio mail / baseline: {ratio:.2f}x (target <= {TARGET}x): {verdict}")


if __name__ == "__main__":
    main()
