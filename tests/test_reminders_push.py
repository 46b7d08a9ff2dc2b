"""Reminders by Web Push: off without VAPID keys; a patient turns it on for a device; the
message says only that it is time for the skin check; a device the push service forgot is
forgotten here too."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pywebpush import WebPushException

from monitoring.models import PushSubscription, ReminderPlan
from monitoring.reminders import patients, push
from tests.conftest import client_for
from tests.tasks_helpers import run_tasks

pytestmark = pytest.mark.django_db

SUBSCRIPTION = {
    "endpoint": "https://push.example.net/send/abc123",
    "keys": {
        "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1Xbjhaz"
        "Akj7I99e8QcYP7DkM",
        "auth": "tBHItJI5svbpez7KI4CCXg",
    },
}


@pytest.fixture
def keys(settings):
    settings.VAPID_PUBLIC_KEY = "BPublicKeyForTests"
    settings.VAPID_PRIVATE_KEY = "private-key-for-tests"
    settings.VAPID_SUBJECT = "mailto:ops@example.org"


@pytest.fixture
def sent(monkeypatch):
    calls = []

    def fake_webpush(**kwargs):
        calls.append(kwargs)

    monkeypatch.setattr(push, "webpush", fake_webpush)
    return calls


def subscribe(client, body=SUBSCRIPTION):
    return client.post(
        reverse("monitoring:push_subscribe"), json.dumps(body), content_type="application/json"
    )


def test_push_is_off_without_keys(patient_client):
    page = patient_client.get(reverse("monitoring:reminders")).content.decode()
    assert "push-box" not in page and "push.js" not in page
    assert subscribe(patient_client).status_code == 404


def test_a_patient_turns_push_on_and_gets_only_the_plain_sentence(
    keys, sent, patient_client, patient, area
):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        ReminderPlan.objects.create(patient=patient, every_days=7, by_email=False)
    page = patient_client.get(reverse("monitoring:reminders")).content.decode()
    assert 'data-key="BPublicKeyForTests"' in page and "push.js" in page
    assert subscribe(patient_client).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 3, 8, 11, tzinfo=datetime.UTC), tick=False):
        patients.send_due_reminders()
        run_tasks()
    (call,) = sent
    assert call["subscription_info"] == SUBSCRIPTION
    assert json.loads(call["data"]) == {
        "title": "Skin Change Tracker",
        "body": "It is time for your skin check.",
        "url": "/",
    }
    assert call["vapid_claims"] == {"sub": "mailto:ops@example.org"}


def test_a_device_the_push_service_forgot_is_forgotten(keys, monkeypatch, patient):
    sub = push.subscribe(patient=patient, endpoint=SUBSCRIPTION["endpoint"], p256dh="k", auth="a")

    class Gone:
        status_code = 410

    def fake_webpush(**kwargs):
        raise WebPushException("gone", response=Gone())

    monkeypatch.setattr(push, "webpush", fake_webpush)
    assert push.deliver(sub) == "gone"
    assert not PushSubscription.objects.exists()


def test_a_bad_subscription_is_refused_plainly(keys, patient_client):
    for body in (
        {},
        {"endpoint": "http://insecure.example/x", "keys": SUBSCRIPTION["keys"]},
        {"endpoint": SUBSCRIPTION["endpoint"], "keys": {"p256dh": ""}},
    ):
        response = subscribe(patient_client, body)
        assert response.status_code == 400
        assert "cannot use" in response.json()["error"]
    response = patient_client.post(
        reverse("monitoring:push_subscribe"), "not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_only_the_owner_removes_a_device(keys, patient, other_patient, client):
    push.subscribe(patient=patient, endpoint=SUBSCRIPTION["endpoint"], p256dh="k", auth="a")
    body = json.dumps({"endpoint": SUBSCRIPTION["endpoint"]})
    url = reverse("monitoring:push_unsubscribe")
    client_for(client, other_patient).post(url, body, content_type="application/json")
    assert PushSubscription.objects.filter(patient=patient).exists()
    client_for(client, patient).post(url, body, content_type="application/json")
    assert not PushSubscription.objects.exists()


def test_push_pages_need_a_login_and_post(keys, patient_client):
    for name in ("monitoring:push_subscribe", "monitoring:push_unsubscribe"):
        assert Client().post(reverse(name)).status_code == 302
        assert patient_client.get(reverse(name)).status_code == 405


def test_make_vapid_keys_prints_a_pair_pywebpush_accepts(capsys):
    from py_vapid import Vapid

    call_command("make_vapid_keys")
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    assert Vapid.from_string(lines["VAPID_PRIVATE_KEY"]).private_key is not None
    assert len(lines["VAPID_PUBLIC_KEY"]) == 87  # 65 bytes, base64url without padding
