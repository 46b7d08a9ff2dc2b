"""The event that tells other rooms (alerts) a finding was opened or rose, after commit only."""

import pytest

from monitoring.flags.events import finding_raised
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, **kwargs):
        calls.append({k: v for k, v in kwargs.items() if k != "signal"})

    finding_raised.connect(listener)
    yield calls
    finding_raised.disconnect(listener)


def test_a_new_finding_is_announced_after_commit_with_no_health_data(
    heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = EntryFactory(signs=["new_lump"], change="new")
    assert heard, "a new lump opens a finding, which must be announced"
    assert {"patient_id", "finding_id", "urgency"} == set(heard[0])
    assert heard[0]["patient_id"] == entry.area.patient_id


def test_nothing_is_announced_before_the_transaction_commits(
    heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        EntryFactory(signs=["new_lump"], change="new")
    assert heard == []
