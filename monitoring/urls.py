"""Monitoring's URLs: each room's routes, all under the `monitoring:` namespace."""

from django.urls import include, path

app_name = "monitoring"
urlpatterns = [
    path("", include("monitoring.flags.urls")),
    path("", include("monitoring.care.urls")),
    path("", include("monitoring.summary.urls")),
    path("", include("monitoring.reminders.urls")),
]
