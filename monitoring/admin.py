"""Admin for the care room: invitations, and the access log (read-only for everyone, superusers
included)."""

from django.contrib import admin

from monitoring.models import AccessLogEntry, Invitation


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
