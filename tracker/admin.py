from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tracker.models import CareGrant, Entry, Profile, User, WatchedArea


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


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "next_appointment"]
    raw_id_fields = ["user"]


@admin.register(WatchedArea)
class WatchedAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "patient", "resolved_at"]
    raw_id_fields = ["patient"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["area", "date", "change"]
    raw_id_fields = ["area", "created_by"]


@admin.register(CareGrant)
class CareGrantAdmin(admin.ModelAdmin):
    list_display = ["patient", "member", "role", "caregiver_can_log", "created_at", "revoked_at"]
    list_filter = ["role", "caregiver_can_log"]
    raw_id_fields = ["patient", "member"]
    readonly_fields = ["code", "created_at"]
    search_fields = ["patient__email", "member__email"]
