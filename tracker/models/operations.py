"""Operations' own small tables: the photo integrity check's runs and the processes' heartbeats."""

from django.db import models


class PhotoCheckRun(models.Model):
    """One run of the photo integrity check (``manage.py check_photos``); the admin shows them.

    Counts only, never names of patients: the stored names are random (``photos/<hex>/...``).
    """

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    repair = models.BooleanField(default=False)  # --repair: orphan files were removed
    rows_checked = models.PositiveIntegerField(default=0)
    files_checked = models.PositiveIntegerField(default=0)
    missing_files = models.PositiveIntegerField(default=0)  # a row's file is not in storage
    orphan_files = models.PositiveIntegerField(default=0)  # a stored file no row names
    bad_hashes = models.PositiveIntegerField(default=0)  # a master's SHA-256 no longer matches
    removed_files = models.PositiveIntegerField(default=0)
    # The problems found (stored names and photo codes), capped; the counts above are complete.
    details = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"Photo check {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def ok(self):
        return not (self.missing_files or self.orphan_files or self.bad_hashes)


class Heartbeat(models.Model):
    """When a long-running process last said it was alive, by name ("worker"): /healthz reads it.

    The background worker (issue 15) calls ``tracker.health.beat("worker")`` every minute.
    """

    name = models.CharField(max_length=40, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
