from django.urls import include, path

from tracker.security import account_views, views

urlpatterns = [
    path("two-factor/", views.overview, name="two_factor"),
    path("two-factor/verify/", views.verify, name="two_factor_verify"),
    path("two-factor/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("two-factor/setup/", views.setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="two_factor_recovery_codes"),
    path("two-factor/off/", views.turn_off, name="two_factor_off"),
    path("delete/", account_views.delete_account, name="account_delete"),
    path("sessions/", views.session_list, name="sessions"),
]
