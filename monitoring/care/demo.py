"""The care-team part of the demo: the demo patient shares their record with the demo clinician,
who has reviewed one flag already (the patient sees the outcome next to the entry).

Idempotent, like tracker.demo: running it again adds nothing.
"""

from django.db import transaction
from django.utils import timezone

from monitoring.care import demo_log
from monitoring.models import Flag
from tracker import demo
from tracker.models import CareGrant, Role

DEMO_NOTE = (
    "I looked at your photos and notes. Please book a visit in the next week so we can "
    "examine the lump."
)


@transaction.atomic
def load_demo_care(*, today):
    accounts = demo.load_demo(today=today)
    patient, clinician = accounts.patient, accounts.clinician
    if not CareGrant.objects.active().filter(patient=patient, member=clinician).exists():
        CareGrant.objects.create(patient=patient, member=clinician, role=Role.CLINICIAN)
    if not Flag.objects.filter(patient=patient, state=Flag.State.REVIEWED).exists():
        # The oldest of the least urgent open flags: the urgent ones stay open for the triage list.
        flag = Flag.objects.open().filter(patient=patient).order_by("urgency", "raised_at").first()
        if flag is not None:
            flag.state = Flag.State.REVIEWED
            flag.reviewed_by = clinician
            flag.reviewed_at = timezone.now()
            flag.outcome = Flag.Outcome.BOOK_APPOINTMENT
            flag.note_to_patient = DEMO_NOTE
            flag.save()
            demo_log.log_the_review(patient=patient, clinician=clinician, area=flag.area)
    return accounts
