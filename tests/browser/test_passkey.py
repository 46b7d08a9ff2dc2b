"""A passkey as the second step, in Chromium with a virtual authenticator (the DevTools WebAuthn
domain): added from the second-step page, then used instead of a code at the next login."""

import re

from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tracker.security import two_factor


def test_add_a_passkey_then_log_in_with_it(phone, live_server, settings, transactional_db, axe):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    page = phone
    patient = UserFactory(email="passkey.patient@example.com")
    device = two_factor.pending_app_device(patient)
    device.confirmed = True
    device.save()
    two_factor.new_recovery_codes(patient)

    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    log_in(page, patient.email)  # the second step by a recovery code (tests/browser/conftest.py)
    page.goto(page.base + "/accounts/two-factor/")
    assert_accessible(page)
    page.get_by_role("button", name="Add a passkey").click()
    # Wait for what the patient sees, not for the row: the row is written before the response
    # that updates the session cookie arrives, and clearing cookies in between let that late
    # response bring the old, already verified session back (CI saw the second login skip the
    # second step once).
    expect(page.locator("#passkey-register-status-message")).to_have_text(
        re.compile("successful"), timeout=10_000
    )
    assert WebAuthnCredential.objects.filter(user=patient, confirmed=True).exists()

    page.context.clear_cookies()
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email address").fill(patient.email)
    page.get_by_label("Password").fill("a-long-test-password-42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/two-factor/verify/"))
    assert_accessible(page)
    page.get_by_role("button", name="Use a passkey instead").click()
    page.wait_for_url(page.base + "/")
    assert page.get_by_role("heading", level=1).first.is_visible()
    # The page after the passkey is a private one: the step is proved.
    response = page.goto(page.base + "/timeline/")
    assert response.url == page.base + "/timeline/"
