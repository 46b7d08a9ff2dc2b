"""The second factor: clinicians and staff must set it up and prove it before any patient data;
patients may turn it on; recovery codes work once; wrong codes are refused."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory
from tracker.security import two_factor


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def set_up(client):
    """Go through the setup page as a person would: read the key, type the app's code."""
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    assert secret.replace(" ", "") in device.config_url
    response = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 200
    return re.findall(r'<li class="font-monospace">(\w+)</li>', response.content.decode())


@pytest.mark.parametrize("who", ["clinician", "staff"])
def test_clinicians_and_staff_set_it_up_before_any_page(db, who, patient, area):
    user = UserFactory(is_clinician=who == "clinician", is_staff=who == "staff")
    from tracker.models import CareGrant

    CareGrant.objects.create(patient=patient, member=user, role="caregiver")
    client = Client()
    log_in(client, user)
    for url in [
        reverse("tracker:home"),
        reverse("monitoring:record", kwargs={"code": patient.code}),
        reverse("tracker:area_detail", kwargs={"code": area.code}),
        "/admin/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("two_factor_verify"))
    # The verify page sends someone without a device to set one up.
    assert client.get(reverse("two_factor_verify")).url == reverse("two_factor_setup")
    codes = set_up(client)
    assert len(codes) == 10
    record = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert record.status_code == 200


def test_the_next_login_asks_for_a_code_and_refuses_a_wrong_one(db, clinician):
    client = Client()
    log_in(client, clinician)
    set_up(client)
    client.post(reverse("logout"))

    log_in(client, clinician)
    assert client.get(reverse("tracker:home")).status_code == 302
    wrong = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert wrong.status_code == 200 and "did not work" in wrong.content.decode()
    assert client.get(reverse("tracker:home")).status_code == 302
    device = TOTPDevice.objects.get(user=clinician, confirmed=True)
    # A minute later (a code is used once, and the failure above slows the next try a second).
    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        ok = client.post(reverse("two_factor_verify"), {"code": code_for(device), "next": "/care/"})
        assert ok.status_code == 302 and ok.url == "/care/"
        assert client.get(reverse("monitoring:triage")).status_code == 200


def test_a_recovery_code_works_once(db, clinician):
    client = Client()
    log_in(client, clinician)
    codes = set_up(client)
    client.post(reverse("logout"))
    log_in(client, clinician)
    response = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert response.status_code == 302
    assert two_factor.recovery_codes_left(clinician) == 9
    client.post(reverse("logout"))
    log_in(client, clinician)
    again = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert client.get(reverse("tracker:home")).status_code == 302


def test_a_patient_may_turn_it_on_and_then_must_use_it(patient):
    client = Client()
    log_in(client, patient)
    assert client.get(reverse("tracker:home")).status_code == 200  # optional for patients
    assert "Set it up" in client.get(reverse("two_factor")).content.decode()
    set_up(client)
    client.post(reverse("logout"))
    log_in(client, patient)
    response = client.get(reverse("tracker:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor_verify"))


def test_a_patient_turns_it_off_with_their_password(patient):
    client = Client()
    log_in(client, patient)
    set_up(client)
    wrong = client.post(reverse("two_factor_off"), {"password": "not-my-password"})
    assert wrong.status_code == 200 and two_factor.has_device(patient)
    client.post(reverse("two_factor_off"), {"password": PASSWORD})
    assert not two_factor.has_device(patient)
    client.post(reverse("logout"))
    log_in(client, patient)
    assert client.get(reverse("tracker:home")).status_code == 200


def test_clinicians_cannot_turn_it_off(clinician):
    client = Client()
    log_in(client, clinician)
    set_up(client)
    client.post(reverse("two_factor_off"), {"password": PASSWORD})
    assert two_factor.has_device(clinician)


def test_new_recovery_codes_replace_the_old_ones(patient):
    client = Client()
    log_in(client, patient)
    old = set_up(client)
    response = client.post(reverse("two_factor_recovery_codes"), {"password": PASSWORD})
    new = re.findall(r'<li class="font-monospace">(\w+)</li>', response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert two_factor.check_code(patient, old[0]) is None


def test_the_setup_page_has_no_inline_script(clinician):
    client = Client()
    log_in(client, clinician)
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "<script>" not in page and "onload=" not in page


def test_a_page_about_the_second_factor_needs_a_login(client, db):
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
