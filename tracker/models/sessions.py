"""Where a person is logged in: one row per login, keyed to its Django session, so they can see
their sessions and end them (tracker.security.sessions)."""

from django.conf import settings
from django.db import models


class LoginSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    # The Django session's key; kept current when the key changes (second step, new password).
    session_key = models.CharField(max_length=40, unique=True)
    # The browser's own description, cut short (shown to its owner only, to tell devices apart).
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen"]
        indexes = [
            # "Where you are logged in": one person's sessions.
            models.Index(fields=["user", "-last_seen"], name="loginsession_user_idx"),
        ]

    def __str__(self):
        return f"Session of {self.user_id} since {self.created_at:%Y-%m-%d}"
