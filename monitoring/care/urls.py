"""URLs of the care room: sharing, invitations and the clinician's pages."""

from django.urls import path, register_converter

from monitoring.care import views


class DayConverter:
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        import datetime

        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None

    def to_url(self, value):
        return value.isoformat()


register_converter(DayConverter, "yyyy_mm_dd")

urlpatterns = [
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/invite/", views.invite, name="invite"),
    path("sharing/people/<uuid:code>/revoke/", views.grant_revoke, name="grant_revoke"),
    path(
        "sharing/invitations/<uuid:code>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("sharing/log/", views.access_log, name="access_log"),
    path("sharing/log/<yyyy_mm_dd:day>/<uuid:who>/", views.access_log_day, name="access_log_day"),
    path("invitations/open/", views.invitation_open, name="invitation_open"),
    path("invitations/current/", views.invitation, name="invitation_current"),
    path("care/", views.triage, name="triage"),
    path("care/shared/", views.shared_with_me, name="shared_with_me"),
    path("care/patients/<uuid:code>/", views.record, name="record"),
    path("care/patients/<uuid:code>/review/", views.review, name="review"),
]
