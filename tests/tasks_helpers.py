"""Run the queued background tasks in the test's process, as one worker would."""

from unittest import mock

from django_tasks_db.models import DBTaskResult

from monitoring.reminders.worker import batch_worker


def run_tasks() -> int:
    """Run every task that is ready now (time_machine's now); returns how many ran."""
    worker = batch_worker("test-worker")
    # The worker closes "old" connections between tasks, as a real process should; here that
    # connection holds the test's transaction (PostgreSQL), so it stays open.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        worker.run()
    return worker._run_tasks


def queued(task_name: str):
    """Tasks of this name still waiting to run."""
    return DBTaskResult.objects.filter(status="READY", task_path__endswith=f".{task_name}")
