"""The care-team part of the demo: the demo patient shares their record with the demo clinician,
who has already reviewed the concerns of the area that settled, and one about the lump (the
patient sees the outcomes next to the checks).

Idempotent, like tracker.demo: running it again adds nothing.
"""

from django.db import transaction
from django.utils import timezone

from monitoring.care import demo_log
from monitoring.models import Concern
from tracker import demo
from tracker.models import CareGrant, Role

DEMO_NOTE = (
    "I looked at your photos and notes. Please book a visit in the next week so we can "
    "examine the lump."
)
SETTLED_NOTE = "This has settled. Tell us if it comes back."


@transaction.atomic
def load_demo_care(*, today):
    accounts = demo.load_demo(today=today)
    patient, clinician = accounts.patient, accounts.clinician
    if not CareGrant.objects.active().filter(patient=patient, member=clinician).exists():
        CareGrant.objects.create(patient=patient, member=clinician, role=Role.CLINICIAN)
    if not Concern.objects.filter(patient=patient, state=Concern.State.REVIEWED).exists():
        open_ = Concern.objects.open().filter(patient=patient)
        settled = open_.filter(area__resolved_at__isnull=False)
        _review(settled, clinician, Concern.Outcome.SEEN_NO_CONCERN, SETTLED_NOTE)
        # The oldest of the least urgent open concerns: urgent ones stay open for the triage list.
        first = open_.order_by("urgency", "opened_at").first()
        if first is not None:
            _review(
                open_.filter(pk=first.pk), clinician, Concern.Outcome.BOOK_APPOINTMENT, DEMO_NOTE
            )
            # The reads that note speaks of ("I looked at your photos and notes").
            demo_log.log_the_review(patient=patient, clinician=clinician, area=first.area)
    return accounts


def _review(concerns, clinician, outcome, note):
    concerns.update(
        state=Concern.State.REVIEWED,
        reviewed_by=clinician,
        reviewed_at=timezone.now(),
        outcome=outcome,
        note_to_patient=note,
    )
