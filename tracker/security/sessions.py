"""Sessions: an idle timeout (shorter for clinicians and staff, who reach many records), and a
list of where one is logged in, with "log out everywhere".

The last activity is kept in the session and written at most once a minute, so a page costs no
extra query; each login has a `LoginSession` row naming its Django session, which ending a
session deletes.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.dispatch import receiver
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from tracker.models import LoginSession

LAST_ACTIVITY = "last_activity"
ROW = "login_session"
WRITE_EVERY_SECONDS = 60


def idle_limit_seconds(user) -> int:
    if user.is_clinician or user.is_staff:
        return settings.SESSION_IDLE_MINUTES_CLINICIAN * 60
    return settings.SESSION_IDLE_MINUTES * 60


def _store(session_key) -> SessionBase:
    return import_string(f"{settings.SESSION_ENGINE}.SessionStore")(session_key)


@receiver(user_logged_in, dispatch_uid="login_session_row")
def remember_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    now = timezone.now()
    row, _created = LoginSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
            "last_seen": now,
        },
    )
    request.session[ROW] = row.pk
    request.session[LAST_ACTIVITY] = int(time.time())


@receiver(user_logged_out, dispatch_uid="login_session_gone")
def forget_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and request.session.get(ROW):
        LoginSession.objects.filter(pk=request.session[ROW]).delete()


def sessions_of(user):
    return LoginSession.objects.filter(user=user)


def end_sessions(user, *, keep_key=None) -> int:
    """End `user`'s sessions (all, or all but the one with `keep_key`). Returns how many."""
    rows = sessions_of(user)
    if keep_key:
        rows = rows.exclude(session_key=keep_key)
    ended = 0
    for row in rows:
        _store(row.session_key).delete()
        row.delete()
        ended += 1
    return ended


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY, now)
            if now - last > idle_limit_seconds(user):
                logout(request)
                messages.info(request, _("You were logged out after a while without activity."))
                return redirect_to_login(request.get_full_path())
            if now - last >= WRITE_EVERY_SECONDS or LAST_ACTIVITY not in request.session:
                request.session[LAST_ACTIVITY] = now
                self._touch(request)
        return self.get_response(request)

    def _touch(self, request):
        follow_new_key(request)


def follow_new_key(request):
    """Keep the row current: the key changes with the second step or a new password."""
    row = request.session.get(ROW)
    if row is None:
        return
    if request.session.session_key is None:
        request.session.save()
    LoginSession.objects.filter(pk=row).update(
        session_key=request.session.session_key, last_seen=timezone.now()
    )
