"""URLs of the appointment summary and the questions list (included by monitoring/urls.py)."""

from django.urls import path

from monitoring.summary import views

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("patients/<uuid:code>/summary/", views.summary, name="patient_summary"),
    path("patients/<uuid:code>/summary.pdf", views.summary_pdf, name="patient_summary_pdf"),
    path("questions/", views.questions, name="questions"),
    path("questions/<uuid:code>/edit/", views.question_edit, name="question_edit"),
    path("questions/<uuid:code>/done/", views.question_done, name="question_done"),
    path("questions/<uuid:code>/delete/", views.question_delete, name="question_delete"),
]
