"""URLs of the care room: sharing, invitations and the clinician's pages."""

from django.urls import path

from monitoring.care import views

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
    path("invitations/open/", views.invitation_open, name="invitation_open"),
    path("invitations/current/", views.invitation, name="invitation_current"),
    path("care/", views.triage, name="triage"),
    path("care/shared/", views.shared_with_me, name="shared_with_me"),
    path("care/patients/<uuid:code>/", views.record, name="record"),
    path("care/patients/<uuid:code>/review/", views.review, name="review"),
]
