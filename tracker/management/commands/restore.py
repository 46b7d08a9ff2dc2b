from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty, migrated database and an "
        "empty photo store, after checking every SHA-256. --verify-only checks and stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--verify-only", action="store_true")

    def handle(self, *args, directory, verify_only=False, **options):
        try:
            manifest = verify(directory) if verify_only else restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        verb = "Checked" if verify_only else "Restored"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {rows} rows and every file: all SHA-256 match.")
        )
