from django.contrib import admin

from huunghi.organisations.models import Unit, UnitVersion


class UnitVersionInline(admin.TabularInline):
    model = UnitVersion
    fk_name = "unit"
    extra = 0
    readonly_fields = ("name_vi", "parent", "valid_from", "valid_to", "change")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-mostly: hierarchy changes go through the unit pages (services keep paths)."""

    list_display = ("code", "name_vi", "kind", "country", "parent", "valid_to")
    list_filter = ("country", "kind")
    search_fields = ("code", "name_vi", "name_en", "name_km")
    readonly_fields = ("path", "depth", "parent", "successor", "valid_to")
    inlines = [UnitVersionInline]
