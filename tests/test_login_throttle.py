"""Too many wrong passwords pause logging in for that account from that address (django-axes)."""

import datetime

import time_machine
from django.urls import reverse

from tests.factories import PASSWORD


def try_login(client, email, password, ip="203.0.113.5"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_pause_logins_with_a_plain_message(client, patient):
    for _ in range(5):
        try_login(client, patient.email, "wrong-password")
    response = try_login(client, patient.email, PASSWORD)
    body = response.content.decode()
    assert response.status_code == 429
    assert "Too many tries" in body
    assert "Please wait 15 minutes" in body
    assert "_auth_user_id" not in client.session


def test_a_pause_ends_after_the_cool_off(client, patient):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)) as clock:
        for _ in range(5):
            try_login(client, patient.email, "wrong-password")
        assert try_login(client, patient.email, PASSWORD).status_code == 429
        clock.shift(datetime.timedelta(minutes=16))
        response = try_login(client, patient.email, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("tracker:home")


def test_someone_elsewhere_cannot_lock_the_patient_out(client, patient):
    for _ in range(6):
        try_login(client, patient.email, "wrong-password", ip="198.51.100.9")
    response = try_login(client, patient.email, PASSWORD, ip="203.0.113.5")
    assert response.status_code == 302


def test_fewer_wrong_passwords_then_success_resets_the_count(client, patient):
    for _ in range(4):
        try_login(client, patient.email, "wrong-password")
    assert try_login(client, patient.email, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        try_login(client, patient.email, "wrong-password")
    assert try_login(client, patient.email, PASSWORD).status_code == 302


def test_capitals_in_the_email_do_not_get_around_the_count(client, patient):
    for email in ["PAT@example.com", "Pat@Example.com", "pat@EXAMPLE.com", "pat@example.COM"]:
        try_login(client, email, "wrong-password")
    try_login(client, "pat@example.com", "wrong-password")
    assert try_login(client, patient.email, PASSWORD).status_code == 429
