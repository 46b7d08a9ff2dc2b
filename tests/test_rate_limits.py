"""Throttling beyond one account from one address: wrong passwords per address (password
spraying), per account and overall; limits on signup, password resets, invitations and uploads;
and the client's real address behind trusted proxies."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tracker.security.proxies import client_address


def try_login(client, email, password, ip="203.0.113.5"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_one_address_cannot_spray_passwords_across_accounts(client, patient, settings):
    settings.LOGIN_ADDRESS_LIMIT = 6
    for n in range(6):
        try_login(client, f"someone{n}@example.com", "Spring2026!!")
    response = try_login(client, patient.email, PASSWORD)
    assert response.status_code == 429
    # Others elsewhere still log in.
    assert try_login(Client(), patient.email, PASSWORD, ip="198.51.100.7").status_code == 302


def test_one_account_is_paused_after_wrong_passwords_from_many_addresses(patient, settings):
    settings.LOGIN_ACCOUNT_LIMIT = 8
    for n in range(8):
        try_login(Client(), patient.email, "wrong-password", ip=f"198.51.100.{n + 1}")
    assert try_login(Client(), patient.email, PASSWORD, ip="192.0.2.1").status_code == 429
    other = UserFactory(email="someone.else@example.com")
    assert try_login(Client(), other.email, PASSWORD, ip="192.0.2.1").status_code == 302


def test_many_wrong_passwords_over_the_whole_site_pause_logins(patient, settings):
    settings.LOGIN_GLOBAL_LIMIT_PER_MINUTE = 5
    for n in range(5):
        try_login(Client(), f"x{n}@example.com", "wrong-password", ip=f"198.51.100.{n + 1}")
    assert try_login(Client(), patient.email, PASSWORD, ip="192.0.2.1").status_code == 429


def test_the_admin_login_is_throttled_too(admin_user, settings):
    settings.LOGIN_ADDRESS_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post("/admin/login/", {"username": "nobody@example.com", "password": "x"})
    response = client.post("/admin/login/", {"username": admin_user.email, "password": "password"})
    assert response.status_code == 429


def _signup(client, n):
    return client.post(
        reverse("signup"),
        {
            "full_name": "New",
            "email": f"new{n}@example.com",
            "password1": "a-long-new-password-9",
            "password2": "a-long-new-password-9",
        },
    )


def test_signups_from_one_address_are_limited(db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (3, 3600)}
    client = Client()
    assert [_signup(client, n).status_code for n in range(4)] == [302, 302, 302, 429]


def test_password_resets_from_one_address_are_limited(patient, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": (2, 3600)}
    client = Client()
    codes = [
        client.post(reverse("password_reset"), {"email": patient.email}).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]


def test_invitations_per_patient_are_limited(patient_client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation": (2, 86400)}
    codes = [
        patient_client.post(
            reverse("monitoring:invite"), {"email": f"h{n}@example.com", "role": "caregiver"}
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]


def test_uploads_per_person_are_limited(patient_client, area, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": (1, 3600)}
    url = reverse("tracker:entry_create", kwargs={"code": area.code})
    patient_client.post(url, {})
    response = patient_client.post(url, {})
    assert response.status_code == 429 and "Nothing was saved" in response.content.decode()


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("", 0, "10.0.0.1"),
        ("198.51.100.7", 0, "10.0.0.1"),  # no proxy trusted: the header is ignored
        ("198.51.100.7", 1, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),  # a spoofed entry on the left
        ("6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        ("198.51.100.7", 2, "10.0.0.1"),  # fewer hops than proxies: keep the peer
        ("not-an-address", 1, "10.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(forwarded, proxies, expected):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(meta, proxies) == expected


def test_an_unreachable_cache_server_never_stops_a_login(patient, settings):
    """REDIS_URL pointing at nothing (a Redis outage): logins and sign-ups still work, no 500."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once closed: nothing listens there
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    client = Client(raise_request_exception=False)
    assert try_login(client, patient.email, "wrong-password").status_code == 200
    assert try_login(client, patient.email, PASSWORD).status_code == 302
    assert _signup(Client(raise_request_exception=False), 1).status_code == 302
