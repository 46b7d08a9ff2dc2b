"""The second factor: an authenticator app (TOTP) and single-use recovery codes, by django-otp.

Clinicians and staff must prove one before any page but the second-factor pages themselves (one
clinician account reaches many patients' photos); a patient may turn it on, and then must too.
Whether this session has proved it is kept in the session (no query per request): set by
`mark_verified` after a good code, cleared with the session at logout.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

VERIFIED = "two_factor_verified"
PENDING = "two_factor_pending"
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"

# Pages reachable before the second factor: its own pages, logging out, and what holds no data.
OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/learn/", "/healthz")
OPEN_PATHS = ("/sw.js", "/manifest.webmanifest")


def required_for(user) -> bool:
    """Clinicians and staff cannot skip the second factor."""
    return bool(user.is_clinician or user.is_staff)


def has_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_app_device(user) -> TOTPDevice:
    """The authenticator being set up (not yet confirmed by a code), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in the form people type into an authenticator app, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth link as an inline SVG QR code (no script, no image request)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", border=4, omitsize=False
    )


def confirm_app_device(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code from it: turns the second factor on, verifies this
    session, and returns fresh recovery codes (None when the code is wrong)."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    mark_verified(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODES new ones (each works once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def passkey_count(user) -> int:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).count()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check_code(user, token: str):
    """The device that accepts this code (authenticator first, then a recovery code), or None.
    Each device slows down after wrong codes (django-otp's throttling)."""
    token = token.replace(" ", "").strip()
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def turn_off(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()


def mark_verified(request, device) -> None:
    request.session.cycle_key()  # a new session id once the second factor is proved
    otp_login(request, device)
    request.session[VERIFIED] = device.persistent_id
    request.session.pop(PENDING, None)
    from tracker.security.sessions import follow_new_key

    follow_new_key(request)


def is_verified(request) -> bool:
    """Proved in this session: by our pages, or by a passkey (django-otp-webauthn's views log the
    device in with django-otp, and the middleware then finishes the step as ours do)."""
    return bool(request.session.get(VERIFIED))


def _finish_passkey_step(request) -> None:
    device = getattr(request.user, "otp_device", None)
    if device is not None and not request.session.get(VERIFIED):
        mark_verified(request, device)


@receiver(user_logged_in, dispatch_uid="two_factor_pending")
def ask_for_second_factor(sender, request, user, **kwargs):
    """A password alone is not enough for anyone who turned the second factor on."""
    if request is not None and hasattr(request, "session") and has_device(user):
        request.session[PENDING] = True


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            _finish_passkey_step(request)
        if (
            user.is_authenticated
            and not is_verified(request)
            and (required_for(user) or request.session.get(PENDING))
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in OPEN_PATHS
        ):
            target = reverse("two_factor_verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
