"""URLs of the visit summary: the page and the PDF, the patient's own and a shared one."""

from django.urls import path

from monitoring.summary import views

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("patients/<uuid:code>/summary/", views.summary, name="patient_summary"),
    path("patients/<uuid:code>/summary.pdf", views.summary_pdf, name="patient_summary_pdf"),
]
