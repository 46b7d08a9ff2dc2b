"""Sessions: an idle timeout (shorter for clinicians), the list of where one is logged in, and
"log out everywhere"."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import pass_second_factor
from tests.factories import PASSWORD
from tracker.models import LoginSession


def logged_in(user, agent="Phone browser"):
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    pass_second_factor(client)
    return client


def test_a_patient_is_logged_out_after_30_idle_minutes(patient):
    client = logged_in(patient)
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get(reverse("tracker:home")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        response = client.get(reverse("tracker:home"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert client.get(reverse("tracker:home")).status_code == 302
    assert not LoginSession.objects.filter(user=patient).exists()


def test_a_clinician_is_logged_out_sooner(clinician):
    client = logged_in(clinician)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.get(reverse("monitoring:triage"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_activity_keeps_a_session_alive(patient):
    client = logged_in(patient)
    for minutes in (20, 40, 60):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            assert client.get(reverse("tracker:home")).status_code == 200


def test_the_list_shows_each_login_and_marks_this_one(patient):
    phone = logged_in(patient, "Phone browser")
    logged_in(patient, "Laptop browser")
    page = phone.get(reverse("sessions")).content.decode()
    assert "Phone browser" in page and "Laptop browser" in page and "This one" in page


def test_log_out_everywhere_else_keeps_this_one(patient, other_patient):
    phone = logged_in(patient, "Phone browser")
    laptop = logged_in(patient, "Laptop browser")
    theirs = logged_in(other_patient)
    phone.post(reverse("sessions"), {"which": "others"})
    assert phone.get(reverse("tracker:home")).status_code == 200
    assert laptop.get(reverse("tracker:home")).status_code == 302
    assert theirs.get(reverse("tracker:home")).status_code == 200


def test_log_out_everywhere(patient):
    phone = logged_in(patient, "Phone browser")
    laptop = logged_in(patient, "Laptop browser")
    response = phone.post(reverse("sessions"), {"which": "all"})
    assert response.status_code == 302
    for client in (phone, laptop):
        assert client.get(reverse("tracker:home")).status_code == 302
    assert not LoginSession.objects.filter(user=patient).exists()


def test_the_second_step_keeps_the_row_on_the_new_session_key(clinician):
    from tests.test_two_factor import log_in, set_up

    client = Client()
    log_in(client, clinician)
    set_up(client)  # a new session key once the second step is proved
    other = logged_in(clinician, "Other")
    other.post(reverse("sessions"), {"which": "others"})
    assert client.get(reverse("tracker:home")).status_code == 302


def test_the_sessions_page_needs_a_login(db):
    assert Client().get(reverse("sessions")).status_code == 302
