from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and every photo file together into a new folder, with a manifest "
        "and SHA256SUMS (see README: Backup and restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty folder.")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        photos = manifest["counts"].get("tracker.photo", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows and {photos * 3} photo files to {directory}."
            )
        )
