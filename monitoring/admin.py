"""Admin for the care room: invitations, and the access log (read-only for everyone, superusers
included)."""

from django.contrib import admin

from monitoring.models import AccessLogEntry, Invitation, ScheduledJob, WatchPlan


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["patient", "email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    raw_id_fields = ["patient", "accepted_by"]
    readonly_fields = ["code", "token_hash", "created_at", "accepted_at", "accepted_by"]
    search_fields = ["patient__email", "email"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "actor_role", "patient", "what", "allowed", "ip_address"]
    list_filter = ["allowed", "what", "actor_role"]
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
class WatchPlanAdmin(admin.ModelAdmin):
    list_display = ["code", "due_on", "days", "created_at", "reminded_at", "cancelled_at"]
    raw_id_fields = ["area", "patient", "requested_by"]
    readonly_fields = ["code", "created_at", "reminded_at", "nudged_at"]
