"""Run the queued background tasks in the test's process, as one worker would."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_tasks() -> int:
    """Run every task that is ready now (time_machine's now); returns how many ran."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


def queued(task_name: str):
    """Tasks of this name still waiting to run."""
    return DBTaskResult.objects.filter(status="READY", task_path__endswith=f".{task_name}")
