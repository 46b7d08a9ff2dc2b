"""Signing up without telling anyone which addresses have accounts: the page answers the same
either way, and the email tells the address's owner what happened. A new account works once its
email is confirmed."""

import logging

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from tracker.models import User

logger = logging.getLogger(__name__)


class ConfirmTokens(PasswordResetTokenGenerator):
    """Tokens that stop working once the account is active (or its password changes)."""

    key_salt = "tracker.security.signup.ConfirmTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{user.email}{timestamp}"


tokens = ConfirmTokens()


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def confirm_link(user: User) -> str:
    """The link in the email. The token is in the #fragment, which browsers never send to the
    server: the page posts it (static/js/fragment-token.js), so it is in no access log."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return _site(reverse("signup_confirm")) + f"#{uid}.{tokens.make_token(user)}"


def sign_up(*, full_name: str, email: str, password: str) -> None:
    """Create an inactive account and email its confirmation link; or, when the address has an
    account already, email its owner instead. The caller answers the same either way."""
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and not existing.is_active and existing.last_login is None:
        existing.full_name = full_name
        existing.set_password(password)
        existing.save(update_fields=["full_name", "password"])
        _send_confirmation(existing)
    elif existing is not None:
        make_password(password)  # the same work as a new account, so timing tells nothing
        _send(
            existing.email,
            _("Someone tried to sign up with your email address"),
            "registration/signup_exists_email.txt",
            {
                "login_url": _site(reverse("login")),
                "reset_url": _site(reverse("password_reset")),
            },
        )
    else:
        with transaction.atomic():
            user = User.objects.create_user(email, password, full_name=full_name, is_active=False)
        _send_confirmation(user)


def _send_confirmation(user):
    _send(
        user.email,
        _("Confirm your email address for Skin Change Tracker"),
        "registration/signup_confirm_email.txt",
        {"url": confirm_link(user)},
    )


def _send(to, subject, template, context):
    """Send now. A mail server fault never fails the sign-up (the page says to sign up again if
    no email comes); it is logged by type only (its message could quote the address)."""
    try:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=[to],
        )
    except Exception as error:
        logger.warning("sign-up email not sent: %s", type(error).__name__)


def confirm(value: str) -> User | None:
    """The account this "uid.token" confirms (now active), or None."""
    uid, _dot, token = (value or "").strip().partition(".")
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or not tokens.check_token(user, token):
        return None
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
