"""URLs of the reminders room: the patient's reminders and calendar, unsubscribing, the
clinician's alert choices and watch plans."""

from django.urls import path

from monitoring.reminders import views

urlpatterns = [
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("reminders/push/", views.push_subscribe, name="push_subscribe"),
    path("reminders/push/remove/", views.push_unsubscribe, name="push_unsubscribe"),
    path("reminders/calendar/<slug:token>.ics", views.calendar, name="calendar"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("care/alerts/", views.alert_choice, name="alert_choice"),
    path(
        "care/patients/<uuid:code>/areas/<uuid:area_code>/watch/",
        views.watch_plan,
        name="watch_plan",
    ),
]
