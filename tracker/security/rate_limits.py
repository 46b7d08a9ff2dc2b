"""Throttling beyond django-axes (which pauses one account from one address after
LOGIN_FAILURE_LIMIT wrong passwords): wrong passwords per address across accounts, per account
across addresses, and overall; and limits on signing up, password resets, invitations and uploads.

Counted in Django's cache (RATE_LIMITS and the LOGIN_* settings): fixed windows that start with
the first event. With several server processes the cache must be shared (REDIS_URL), or each
process counts alone.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse

from tracker.throttle import login_username

logger = logging.getLogger(__name__)


def _key(scope: str, who: str) -> str:
    return f"rate:{scope}:{hashlib.sha256(who.encode()).hexdigest()}"


def hit(scope: str, who: str, *, limit: int, window: int) -> bool:
    """Count one event for `who` in `scope`; True while still within `limit` per `window` s.
    If the cache cannot be reached the event passes (django-axes, in the database, still pauses
    one account from one address): an outage of Redis must not stop people logging in."""
    key = _key(scope, who)
    try:
        if cache.add(key, 1, timeout=window):
            return limit >= 1
        try:
            return cache.incr(key) <= limit
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            return limit >= 1
    except Exception:  # the cache server is down (its client raises its own errors)
        logger.warning("throttle cache unavailable", exc_info=True)
        return True


def used_up(scope: str, who: str, *, limit: int) -> bool:
    try:
        return (cache.get(_key(scope, who)) or 0) >= limit
    except Exception:
        logger.warning("throttle cache unavailable", exc_info=True)
        return False


def address(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


# --- Logging in --------------------------------------------------------------------------------


def _login_limits(request, username):
    hour = 60 * 60
    return [
        ("login-address", address(request), settings.LOGIN_ADDRESS_LIMIT, hour),
        ("login-account", username, settings.LOGIN_ACCOUNT_LIMIT, hour),
        ("login-all", "all", settings.LOGIN_GLOBAL_LIMIT_PER_MINUTE, 60),
    ]


@receiver(user_login_failed, dispatch_uid="rate_limit_login_failures")
def count_login_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for scope, who, limit, window in _login_limits(request, login_username(request, credentials)):
        hit(scope, who, limit=limit, window=window)


def login_paused(request) -> bool:
    username = login_username(request)
    return any(
        used_up(scope, who, limit=limit)
        for scope, who, limit, _window in _login_limits(request, username)
    )


class LoginThrottleMiddleware:
    """Refuse a login attempt (the app's and the admin's) while any login limit is used up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_login = request.method == "POST" and request.path in (reverse("login"), "/admin/login/")
        if is_login and login_paused(request):
            return render(request, "registration/locked_out.html", status=429)
        return self.get_response(request)


# --- Other actions -----------------------------------------------------------------------------


def limited(scope: str, *, per: str = "address"):
    """Limit POSTs to a view by RATE_LIMITS[scope] = (count, seconds), per address or per user."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                limit, window = settings.RATE_LIMITS[scope]
                who = address(request) if per == "address" else str(request.user.pk)
                if not hit(scope, who, limit=limit, window=window):
                    return render(request, "rate_limited.html", {"scope": scope}, status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
