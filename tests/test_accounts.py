"""Sign up, log in and out, change and reset the password."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD
from tracker.models import User

NEW_PASSWORD = "another-long-password-77"


def test_sign_up_logs_in_and_creates_a_profile(client, db):
    response = client.post(
        reverse("signup"),
        {
            "full_name": "Nia New",
            "email": "Nia.New@Example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "nia.new@example.com"
    assert user.password.startswith("md5$") or user.has_usable_password()
    assert hasattr(user, "profile")
    assert client.get(reverse("tracker:home")).status_code == 200


def test_sign_up_refuses_an_existing_email_in_any_case(client, patient):
    response = client.post(
        reverse("signup"),
        {
            "full_name": "X",
            "email": "PAT@example.com",
            "password1": "x1-long-pass-word",
            "password2": "x1-long-pass-word",
        },
    )
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_sign_up_refuses_a_weak_password(client, db):
    response = client.post(
        reverse("signup"),
        {"full_name": "X", "email": "x@example.com", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert not User.objects.exists()


def test_log_in_with_email_in_any_case_and_log_out(client, patient):
    response = client.post(reverse("login"), {"username": "Pat@Example.com", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("tracker:home")
    client.post(reverse("logout"))
    assert client.get(reverse("tracker:home")).status_code == 302


def test_wrong_password_says_so(client, patient):
    response = client.post(reverse("login"), {"username": patient.email, "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct email address and password" in response.content.decode()


def test_change_password(client, patient):
    client.force_login(patient)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password(NEW_PASSWORD)


def test_reset_password_by_email(client, patient):
    client.post(reverse("password_reset"), {"email": patient.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password(NEW_PASSWORD)
    assert "does not work any more" in client.get(link, follow=True).content.decode()


def test_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_patient_cannot_make_themselves_a_clinician(client, db):
    client.post(
        reverse("signup"),
        {
            "full_name": "Sneaky",
            "email": "s@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_clinician": "on",
            "is_staff": "on",
        },
    )
    user = User.objects.get()
    assert not user.is_clinician and not user.is_staff
