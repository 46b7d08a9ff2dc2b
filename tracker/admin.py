from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tracker.models import (
    CareGrant,
    Entry,
    Heartbeat,
    Photo,
    PhotoCheckRun,
    Profile,
    Question,
    User,
    WatchedArea,
)
from tracker.patient_admin import PatientDataAdmin
from tracker.security.deletion import delete_account


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_clinician", "organisation", "is_staff"]
    list_filter = ["is_clinician", "is_staff", "is_active"]
    search_fields = ["email", "full_name", "organisation"]
    readonly_fields = ["code", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "code"]}),
        ("Clinician", {"fields": ["is_clinician", "clinician_role", "organisation"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def get_deleted_objects(self, objs, request):
        """Deleting an account takes all its data with it (tracker.security.deletion); the page
        names the accounts only, never the health data that goes with them."""
        return [str(obj) for obj in objs], {}, set(), []

    def delete_model(self, request, obj):
        delete_account(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            delete_account(user=user)


@admin.register(Profile)
class ProfileAdmin(PatientDataAdmin):
    list_display = ["user", "next_appointment"]
    patient_path = "user"
    log_what = "profile"


@admin.register(WatchedArea)
class WatchedAreaAdmin(PatientDataAdmin):
    list_display = ["name", "site", "patient", "resolved_at"]
    list_select_related = ["patient"]
    log_what = "area"


@admin.register(Entry)
class EntryAdmin(PatientDataAdmin):
    list_display = ["area", "date", "change"]
    list_select_related = ["area"]
    patient_path = "area__patient"
    log_what = "entry"


@admin.register(Photo)
class PhotoAdmin(PatientDataAdmin):
    """Rows only: the image itself is never shown in the admin."""

    list_display = ["code", "entry", "created_at"]
    list_select_related = ["entry", "entry__area"]
    patient_path = "entry__area__patient"
    log_what = "photo"


@admin.register(Question)
class QuestionAdmin(PatientDataAdmin):
    list_display = ["patient", "created_at"]
    list_select_related = ["patient"]
    log_what = "other"


# Only an invitation the patient sent creates a grant; the admin shows them, read-only.
@admin.register(CareGrant)
class CareGrantAdmin(PatientDataAdmin):
    list_display = ["patient", "member", "role", "caregiver_can_log", "created_at", "revoked_at"]
    list_filter = ["role", "caregiver_can_log"]
    list_select_related = ["patient", "member"]
    search_fields = ["patient__email", "member__email"]
    log_what = "timeline"


@admin.register(PhotoCheckRun)
class PhotoCheckRunAdmin(admin.ModelAdmin):
    """Runs of the photo integrity check (manage.py check_photos, weekly by the worker)."""

    list_display = [
        "started_at",
        "ok",
        "rows_checked",
        "files_checked",
        "missing_files",
        "orphan_files",
        "bad_hashes",
        "removed_files",
        "repair",
    ]
    readonly_fields = [field.name for field in PhotoCheckRun._meta.fields] + ["ok"]

    @admin.display(boolean=True, description="no problems")
    def ok(self, run):
        return run.ok

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
