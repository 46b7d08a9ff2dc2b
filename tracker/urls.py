from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tracker import health, measure_views, photo_views, pwa_views, question_views, views
from tracker.security.rate_limits import limited

tracker_patterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("timeline/", views.timeline, name="timeline"),
    path("export/", views.export, name="export"),
    path("export/download/", views.export_download, name="export_download"),
    path("areas/new/", views.area_create, name="area_create"),
    path("areas/<uuid:code>/", views.area_detail, name="area_detail"),
    path("areas/<uuid:code>/edit/", views.area_edit, name="area_edit"),
    path("areas/<uuid:code>/resolve/", views.area_resolve, name="area_resolve"),
    path("areas/<uuid:code>/delete/", views.area_delete, name="area_delete"),
    path("areas/<uuid:code>/entries/new/", views.entry_create, name="entry_create"),
    path("entries/<uuid:code>/", views.entry_saved, name="entry_saved"),
    path("entries/<uuid:code>/edit/", views.entry_edit, name="entry_edit"),
    path(
        "entries/<uuid:code>/use-photo-date/",
        views.entry_use_photo_date,
        name="entry_use_photo_date",
    ),
    path("entries/<uuid:code>/delete/", views.entry_delete, name="entry_delete"),
    path("areas/<uuid:code>/compare/", photo_views.compare, name="compare"),
    path("photos/<uuid:code>/", photo_views.photo_detail, name="photo_detail"),
    path("photos/<uuid:code>/delete/", photo_views.photo_delete, name="photo_delete"),
    path("photos/<uuid:code>/measure/", measure_views.measure, name="measure"),
    path(
        "measurements/<uuid:code>/",
        measure_views.measurement_detail,
        name="measurement_detail",
    ),
    path("measurements/<uuid:code>/use/", measure_views.measurement_use, name="measurement_use"),
    path("photos/<uuid:code>/<str:rendition>/", photo_views.photo_file, name="photo_file"),
    path("kept-photos/<uuid:code>/<str:rendition>/", photo_views.staged_file, name="staged_file"),
    path("questions/", question_views.questions, name="questions"),
    path("questions/<uuid:code>/edit/", question_views.question_edit, name="question_edit"),
    path("questions/<uuid:code>/done/", question_views.question_done, name="question_done"),
    path("questions/<uuid:code>/delete/", question_views.question_delete, name="question_delete"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include((tracker_patterns, "tracker"))),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/sent/", views.signup_sent, name="signup_sent"),
    path("accounts/signup/confirm/", views.signup_confirm, name="signup_confirm"),
    path("accounts/", include("tracker.security.urls")),
    path(
        "accounts/password_reset/",
        limited("password_reset")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("learn/", include("education.urls")),
    path("", include("monitoring.urls")),
    path("admin/", admin.site.urls),
    # At the root, so the worker's scope covers the whole app (it caches static files only).
    path("sw.js", pwa_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa_views.manifest, name="manifest"),
]
