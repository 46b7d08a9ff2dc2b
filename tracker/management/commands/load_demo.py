from django.core.management.base import BaseCommand
from django.utils import timezone

from tracker import demo


class Command(BaseCommand):
    help = "Create the demo patient and clinician with six months of entries (idempotent)."

    def handle(self, *args, **options):
        demo.refuse_without_debug()
        accounts = demo.load_demo(today=timezone.localdate())
        verb = "Created" if accounts.created else "Found"
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo accounts."))
        self.stdout.write("\n".join(demo.login_lines()))
