"""The one way this app builds a django-tasks-db worker: the `run_worker` command, the tests and
the benchmark all drain the queue with the same settings."""

from django_tasks_db.management.commands.db_worker import Worker


def batch_worker(worker_id: str) -> Worker:
    """A worker of the default queue that runs what is ready now and returns (`batch`), so its
    caller can tick the schedule and the heartbeat between batches."""
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
