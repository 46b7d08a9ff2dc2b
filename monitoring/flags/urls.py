"""URLs of the flags room: what to raise, one flag, and the public list of rules."""

from django.urls import path

from monitoring.flags import views

urlpatterns = [
    path("to-raise/", views.to_raise, name="to_raise"),
    path("flags/<uuid:code>/", views.flag_detail, name="flag_detail"),
    path("rules/", views.rule_list, name="rules"),
]
