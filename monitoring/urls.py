from django.urls import path

from monitoring import care_urls, summary_urls, views

app_name = "monitoring"
urlpatterns = [
    path("to-raise/", views.to_raise, name="to_raise"),
    path("flags/<uuid:code>/", views.flag_detail, name="flag_detail"),
    path("rules/", views.rule_list, name="rules"),
    # Care team (issue 7): sharing, invitations, triage and review.
    *care_urls.urlpatterns,
    # Appointment summary and the patient's questions for the visit (issue 8).
    *summary_urls.urlpatterns,
]
