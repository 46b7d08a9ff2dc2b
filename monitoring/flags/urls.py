"""URLs of the concerns room: what to raise, one concern, "I have contacted my care team", and
the public list of rules."""

from django.urls import path

from monitoring.flags import views

urlpatterns = [
    path("to-raise/", views.to_raise, name="to_raise"),
    path("concerns/<uuid:code>/", views.concern_detail, name="concern_detail"),
    path("concerns/contacted/", views.contacted, name="contacted"),
    path("rules/", views.rule_list, name="rules"),
]
