"""Every page carries a Content Security Policy that allows only the app's own files."""

import re

from django.urls import reverse


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
