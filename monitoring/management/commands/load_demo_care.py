from django.core.management.base import BaseCommand
from django.utils import timezone

from monitoring.care import demo as demo_care
from tracker import demo


class Command(BaseCommand):
    help = (
        "Create the demo accounts (load_demo) and share the patient's record with the demo "
        "clinician, with one flag reviewed (idempotent)."
    )

    def handle(self, *args, **options):
        demo.refuse_without_debug()
        demo_care.load_demo_care(today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"{demo.PATIENT_EMAIL} shares their record with {demo.CLINICIAN_EMAIL}."
            )
        )
        self.stdout.write("\n".join(demo.login_lines()))
