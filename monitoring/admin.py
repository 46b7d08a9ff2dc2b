"""Admin for monitoring: concerns, invitations and watch plans (patient data: read-only and
logged), the access log (read-only for everyone, superusers included) and the worker's
schedule."""

from django.contrib import admin

from monitoring.models import AccessLogEntry, Concern, Invitation, ScheduledJob, WatchPlan
from tracker.patient_admin import PatientDataAdmin


@admin.register(Concern)
class ConcernAdmin(PatientDataAdmin):
    """What the rules found: read here, reviewed only by a clinician the patient invited."""

    list_display = ["code", "rule", "raised_urgency", "urgency", "state", "opened_at"]
    list_filter = ["state", "raised_urgency", "rule"]
    list_select_related = ["area"]
    log_what = "flag"


@admin.register(Invitation)
class InvitationAdmin(PatientDataAdmin):
    list_display = ["patient", "email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    list_select_related = ["patient"]
    exclude = ["token_hash"]
    search_fields = ["patient__email", "email"]
    log_what = "other"


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = [
        "at",
        "actor",
        "actor_pseudonym",
        "actor_role",
        "patient",
        "patient_pseudonym",
        "what",
        "wrote",
        "allowed",
        "ip_address",
    ]
    list_filter = ["allowed", "wrote", "what", "actor_role"]
    search_fields = ["actor__email", "patient__email", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["actor", "patient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """The worker's schedule. Editing `next_run_at` to now makes a job run at the next tick."""

    list_display = ["name", "next_run_at", "last_enqueued_at"]
    readonly_fields = ["name", "last_enqueued_at"]

    def has_add_permission(self, request):
        return False


@admin.register(WatchPlan)
class WatchPlanAdmin(PatientDataAdmin):
    """A clinician's plan to watch an area: patient data, read-only and logged."""

    list_display = ["code", "due_on", "days", "created_at", "reminded_at", "cancelled_at"]
    log_what = "area"
