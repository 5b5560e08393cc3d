from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from huunghi.accounts.models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class HuuNghiUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "is_active", "is_demo")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Hữu Nghị", {"fields": ("preferred_language", "is_demo")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("digest", "prefix", "last_used_at", "revoked_at")
