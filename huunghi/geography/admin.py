"""Admin pages of the geography, for system administrators only.

The 30,000 units are reference data loaded by ``load_geography``; the admin is for
corrections. Foreign keys to units use raw-id inputs so no page lists them all.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.scope import scope_for
from huunghi.geography.models import (
    AdminUnit,
    BorderGatePair,
    BorderMarker,
    BorderProvincePair,
    Country,
    PlaceSuccession,
    ReferenceFact,
)


class SystemAdminOnly(admin.ModelAdmin):
    """Visible and editable only by system administrators (and superusers)."""

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and scope_for(request.user).is_global)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


@admin.register(Country)
class CountryAdmin(SystemAdminOnly):
    list_display = ("code", "name_vi", "name_km", "name_en")
    search_fields = ("code", "name_vi", "name_en")


class SuccessionInline(admin.TabularInline):
    model = PlaceSuccession
    fk_name = "predecessor"
    raw_id_fields = ("successor",)
    extra = 0


@admin.register(AdminUnit)
class AdminUnitAdmin(SystemAdminOnly):
    list_display = (
        "code",
        "name_with_type",
        "name_en",
        "level",
        "country",
        "valid_from",
        "valid_to",
        "is_border",
    )
    list_filter = ("country", "level", "is_border", "valid_to")
    search_fields = ("code", "official_code", "name_vi", "name_en", "name_km", "search_name")
    raw_id_fields = ("parent", "province")
    readonly_fields = ("search_name", "created_at", "updated_at")
    list_select_related = ("country",)
    show_full_result_count = False
    inlines = [SuccessionInline]

    @admin.display(description=_("name"), ordering="search_name")
    def name_with_type(self, obj: AdminUnit) -> str:
        return obj.full_name_vi


@admin.register(PlaceSuccession)
class PlaceSuccessionAdmin(SystemAdminOnly):
    list_display = ("predecessor", "successor", "on_date", "whole")
    list_filter = ("on_date", "whole")
    raw_id_fields = ("predecessor", "successor")
    list_select_related = ("predecessor", "successor")
    search_fields = (
        "predecessor__code",
        "predecessor__name_vi",
        "successor__code",
        "successor__name_vi",
    )
    show_full_result_count = False


@admin.register(BorderProvincePair)
class BorderProvincePairAdmin(SystemAdminOnly):
    list_display = ("vn_province", "vn_legacy_province", "kh_province", "length_km")
    raw_id_fields = ("vn_province", "vn_legacy_province", "kh_province")
    list_select_related = ("vn_province", "vn_legacy_province", "kh_province")


@admin.register(BorderGatePair)
class BorderGatePairAdmin(SystemAdminOnly):
    list_display = ("vn_name", "kh_name", "vn_province", "kh_province", "level")
    list_filter = ("level",)
    raw_id_fields = ("vn_province", "vn_legacy_province", "kh_province")
    list_select_related = ("vn_province", "kh_province")


@admin.register(BorderMarker)
class BorderMarkerAdmin(SystemAdminOnly):
    list_display = ("number", "kind", "province", "condition", "last_inspected_on", "is_synthetic")
    list_filter = ("kind", "condition", "is_synthetic")
    search_fields = ("number", "notes")
    raw_id_fields = ("province",)
    list_select_related = ("province",)


@admin.register(ReferenceFact)
class ReferenceFactAdmin(SystemAdminOnly):
    list_display = ("key", "description", "value", "qualifier", "unit", "as_of", "source_site")
    list_filter = ("qualifier",)
    search_fields = ("key", "description", "source_title", "source_site")
    raw_id_fields = ("place",)
