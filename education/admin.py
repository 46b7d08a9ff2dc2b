from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from education.models import (
    FaqItem,
    GuidePage,
    LookAlikePage,
    LookAlikeSign,
    SignCode,
    SignPage,
)


@admin.action(description=_("Let the loader update these from their files again"))
def release_to_loader(modeladmin, request, queryset):
    queryset.update(edited_in_admin=False)


class ContentAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order", "edited_in_admin", "updated_at"]
    list_filter = ["edited_in_admin"]
    search_fields = ["title", "slug", "keywords", "body"]
    readonly_fields = ["edited_in_admin", "file_hash", "updated_at"]
    actions = [release_to_loader]

    def save_model(self, request, obj, form, change):
        # Mark the row so that `load_education` does not overwrite this edit (unless --force).
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)


class UrgentPageAdmin(ContentAdmin):
    list_display = ["title", "slug", "urgency", "order", "edited_in_admin", "updated_at"]
    list_filter = ["urgency", "edited_in_admin"]


class SignCodeInline(admin.TabularInline):
    model = SignCode
    extra = 0


@admin.register(SignPage)
class SignPageAdmin(UrgentPageAdmin):
    inlines = [SignCodeInline]


class LookAlikeSignInline(admin.TabularInline):
    model = LookAlikeSign
    extra = 0


@admin.register(LookAlikePage)
class LookAlikePageAdmin(UrgentPageAdmin):
    inlines = [LookAlikeSignInline]


@admin.register(GuidePage)
class GuidePageAdmin(ContentAdmin):
    pass


@admin.register(FaqItem)
class FaqItemAdmin(ContentAdmin):
    list_display = ["title", "slug", "section", "order", "edited_in_admin", "updated_at"]
    list_filter = ["section", "edited_in_admin"]
