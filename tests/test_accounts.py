"""Sign up, log in and out, change and reset the password."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD
from tracker.models import User

NEW_PASSWORD = "another-long-password-77"


def sign_up(client, email="Nia.New@Example.com", password=NEW_PASSWORD, **extra):
    return client.post(
        reverse("signup"),
        {
            "full_name": "Nia New",
            "email": email,
            "password1": password,
            "password2": password,
            **extra,
        },
    )


def confirm_from_email(client, message):
    """What the browser does with the emailed link: post the #fragment's token."""
    token = re.search(r"/accounts/signup/confirm/#(\S+)", message.body).group(1)
    return client.post(reverse("signup_confirm"), {"token": token})


def test_sign_up_confirms_the_email_before_use(client, db):
    response = sign_up(client)
    assert response.status_code == 302 and response.url == reverse("signup_sent")
    user = User.objects.get()
    assert user.email == "nia.new@example.com" and not user.is_active
    # Not usable before the email is confirmed.
    login = client.post(reverse("login"), {"username": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 200
    assert client.get(reverse("tracker:home")).status_code == 302
    [message] = mail.outbox
    assert message.to == ["nia.new@example.com"]
    response = confirm_from_email(client, message)
    assert response.status_code == 302 and response.url == reverse("tracker:profile")
    user.refresh_from_db()
    assert user.is_active and hasattr(user, "profile")
    assert client.get(reverse("tracker:home")).status_code == 200
    # The link works once.
    client.post(reverse("logout"))
    assert confirm_from_email(client, message).status_code == 400


def test_the_confirmation_token_is_never_in_a_url_the_server_sees(client, db):
    sign_up(client)
    link = re.search(r"http\S+", mail.outbox[0].body).group(0)
    path, _hash, token = link.partition("#")
    assert token and token not in path


def test_a_wrong_confirmation_token_is_refused(client, db):
    sign_up(client)
    response = client.post(reverse("signup_confirm"), {"token": "MQ.wrong-token"})
    assert response.status_code == 400 and "does not work" in response.content.decode()
    assert not User.objects.get().is_active


def test_sign_up_answers_the_same_for_an_existing_email(client, patient):
    new = sign_up(client, email="someone.new@example.com")
    existing = sign_up(client, email="PAT@example.com")
    assert (existing.status_code, existing.url) == (new.status_code, new.url)
    assert User.objects.filter(email__iexact="pat@example.com").count() == 1
    # The owner is told what happened, and how to log in or reset their password.
    owner_mail = [m for m in mail.outbox if m.to == ["pat@example.com"]]
    assert len(owner_mail) == 1
    assert "already have an account" in owner_mail[0].body
    assert "/accounts/password_reset/" in owner_mail[0].body
    patient.refresh_from_db()
    assert patient.check_password(PASSWORD)


def test_sign_up_refuses_a_weak_password(client, db):
    for weak in ("123", "Skin2026", "short-pw-1"):
        response = sign_up(client, email="x@example.com", password=weak)
        assert response.status_code == 200
        assert not User.objects.exists()
    assert "at least 12 characters" in response.content.decode()


def test_a_name_with_a_line_break_is_refused(client, db):
    response = client.post(
        reverse("signup"),
        {
            "full_name": "Nia\r\nBcc: victim@example.com",
            "email": "nia@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200 and "one line" in response.content.decode()
    assert not User.objects.exists() and mail.outbox == []


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
    sign_up(client, email="s@example.com", is_clinician="on", is_staff="on")
    user = User.objects.get()
    assert not user.is_clinician and not user.is_staff


def test_a_mail_server_fault_never_fails_a_sign_up(client, db, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down for nia.new@example.com")

    monkeypatch.setattr("tracker.security.signup.send_mail", refuse)
    response = sign_up(client)
    assert response.status_code == 302 and response.url == reverse("signup_sent")
    assert "nia.new@example.com" not in caplog.text
