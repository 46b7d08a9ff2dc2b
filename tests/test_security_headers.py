"""Every page carries a Content Security Policy that allows only the app's own files; private pages
are never stored; every response limits device features and who may embed it."""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for


def test_pages_allow_only_their_own_scripts(patient_client):
    policy = patient_client.get(reverse("tracker:home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_public_pages_carry_the_policy_too(client, db):
    assert "default-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]


def test_the_summary_footer_style_carries_the_nonce_of_the_policy(patient_client):
    response = patient_client.get(reverse("monitoring:summary"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


def _directives(value):
    return {part.strip() for part in value.split(",")}


@pytest.mark.parametrize(
    "name",
    [
        "tracker:home",
        "tracker:timeline",
        "tracker:profile",
        "monitoring:summary",
        "monitoring:access_log",
        "monitoring:sharing",
        "two_factor",
    ],
)
def test_private_pages_are_never_stored(patient_client, name):
    response = patient_client.get(reverse(name))
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response["Cache-Control"])


def test_private_pages_of_a_record_shared_are_never_stored(client, patient, invited_clinician):
    reader = client_for(client, invited_clinician)
    response = reader.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response["Cache-Control"])


def test_every_response_has_permissions_policy_and_corp(client, patient_client, db):
    for response in [
        client.get(reverse("login")),
        client.get("/static/js/app.js"),
        client.get("/no-such-page/"),
        patient_client.get(reverse("tracker:home")),
    ]:
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        policy = response["Permissions-Policy"]
        assert "camera=(self)" in policy
        assert "microphone=()" in policy and "geolocation=()" in policy
        assert "payment=()" in policy and "usb=()" in policy


def test_public_pages_may_be_cached_but_not_private_ones(client, db):
    assert "no-store" not in client.get("/static/js/app.js").get("Cache-Control", "")
