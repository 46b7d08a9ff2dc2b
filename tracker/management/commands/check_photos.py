from django.core.management.base import BaseCommand, CommandError

from tracker.integrity import check_photos


class Command(BaseCommand):
    help = (
        "Check that every photo row has all its files, every stored file has a row, and every "
        "master still matches its SHA-256. --repair deletes orphan files (a dry run otherwise). "
        "Exits with status 1 when a problem was found."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Delete stored files that no photo row names. Never touches a row's files.",
        )

    def handle(self, *args, repair=False, **options):
        run = check_photos(repair=repair)
        for problem in run.details:
            self.stdout.write(f"{problem['problem']}: {problem['name']}")
        self.stdout.write(
            f"Checked {run.rows_checked} photos and {run.files_checked} stored files: "
            f"{run.missing_files} missing, {run.orphan_files} orphan, "
            f"{run.bad_hashes} changed since upload."
        )
        if run.orphan_files and not repair:
            self.stdout.write("Dry run: nothing deleted. Run with --repair to delete orphans.")
        if repair:
            self.stdout.write(f"Deleted {run.removed_files} orphan files.")
        if run.missing_files or run.bad_hashes or (run.orphan_files and not repair):
            raise CommandError("Problems found: see above. Restore missing files from a backup.")
        self.stdout.write(self.style.SUCCESS("All photo files are present and match."))
