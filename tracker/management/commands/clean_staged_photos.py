"""Delete photos kept across a validation error once they are older than STAGED_PHOTO_HOURS."""

from django.core.management.base import BaseCommand

from tracker.staging import remove_expired_staged_photos


class Command(BaseCommand):
    help = "Delete kept photos of unsaved checks older than STAGED_PHOTO_HOURS (default 24)."

    def handle(self, *args, **options):
        removed = remove_expired_staged_photos()
        self.stdout.write(f"Deleted {removed} kept photo(s).")
