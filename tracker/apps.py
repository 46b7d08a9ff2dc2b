from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Skin log"

    def ready(self):
        from django.db.models.signals import post_delete

        from tracker.models import Photo
        from tracker.photos import remove_files_after_commit
        from tracker.security import (  # noqa: F401 (they connect their receivers)
            rate_limits,
            sessions,
            two_factor,
        )

        # However a photo goes (its own delete, its entry's, area's or account's), its stored
        # files are deleted after the database change commits.
        post_delete.connect(remove_files_after_commit, sender=Photo, dispatch_uid="photo_files")
