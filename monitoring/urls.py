from django.urls import path

from monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("to-raise/", views.to_raise, name="to_raise"),
    path("flags/<uuid:code>/", views.flag_detail, name="flag_detail"),
    path("rules/", views.rule_list, name="rules"),
]


# Care team (issue 7): sharing, invitations, triage and review.
from monitoring import care_urls  # noqa: E402

urlpatterns += care_urls.urlpatterns

# Appointment summary and the patient's questions for the visit (issue 8).
from monitoring import summary_urls  # noqa: E402

urlpatterns += summary_urls.urlpatterns
