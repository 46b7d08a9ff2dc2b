"""The one event other rooms may listen to: a finding that the care team should hear about.

`finding_raised` is sent after the transaction that stored it commits, once per finding that was
opened or whose urgency rose, with keyword arguments ``patient_id``, ``finding_id`` (the primary
key of the stored finding) and ``urgency`` (an `education.vocabulary.Urgency` value). Listeners
(alerts to clinicians) must not assume any health data beyond that.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

finding_raised = Signal()


def announce(*, patient_id: int, finding_id: int, urgency: str) -> None:
    """Send `finding_raised` once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        lambda: finding_raised.send(
            sender=None, patient_id=patient_id, finding_id=finding_id, urgency=urgency
        )
    )
