from django.core.management.base import BaseCommand, CommandError

from education.content_files import ContentError
from education.loader import load_content


class Command(BaseCommand):
    help = (
        "Load the education pages from education/content/ into the database. Safe to run "
        "again. Pages edited in the admin are kept unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite pages edited in the admin with the text of their files.",
        )

    def handle(self, *args, force=False, **options):
        try:
            report = load_content(force=force)
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Education content: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept)} kept (edited in the admin)."
        )
        for label in report.kept_stale:
            self.stdout.write(
                self.style.WARNING(
                    f"  {label}: its file changed, but the admin edit was kept. "
                    "Run with --force to use the file."
                )
            )
