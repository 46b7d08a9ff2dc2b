"""The care-team part of the demo: the demo patient shares their record with the demo clinician,
who has reviewed one concern already (the patient sees the outcome next to the entry).

Idempotent, like tracker.demo: running it again adds nothing.
"""

from django.db import transaction
from django.utils import timezone

from monitoring.models import Concern
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
    if not Concern.objects.filter(patient=patient, state=Concern.State.REVIEWED).exists():
        # The oldest of the least urgent open concerns: urgent ones stay open for the triage list.
        concern = (
            Concern.objects.open().filter(patient=patient).order_by("urgency", "opened_at").first()
        )
        if concern is not None:
            concern.state = Concern.State.REVIEWED
            concern.reviewed_by = clinician
            concern.reviewed_at = timezone.now()
            concern.outcome = Concern.Outcome.BOOK_APPOINTMENT
            concern.note_to_patient = DEMO_NOTE
            concern.save()
    return accounts
