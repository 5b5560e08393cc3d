"""Admin pages for cooperation records: for looking up and support, read-only.

Changes go through the record pages so that scope, validation, the approval chain,
the audit trail and the summaries stay in step; the admin never writes records.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from huunghi.records.models import (
    Activity,
    ActivityCounterpart,
    ActivityQuantity,
    Agreement,
    Attachment,
    Facility,
    TwinningPair,
)


class ReadOnlyAdminMixin:
    """Viewing only: add, change and delete happen through the services."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class QuantityInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ActivityQuantity
    extra = 0
    fields = ("measure", "value", "qualifier", "note")


class CounterpartInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ActivityCounterpart
    extra = 0
    fields = ("unit", "role", "shared")


class AttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("original_name", "content_type", "size", "caption", "uploaded_by", "created_at")
    readonly_fields = fields


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "start_date",
        "unit",
        "country",
        "status",
        "revision",
        "is_synthetic",
    )
    list_filter = ("kind", "status", "country", "source_type", "is_synthetic")
    search_fields = ("title", "place_text", "import_key")
    date_hierarchy = "start_date"
    list_select_related = ("unit", "country")
    show_full_result_count = False
    raw_id_fields = ("unit", "place", "parent", "twinning_pair")
    inlines = (QuantityInline, CounterpartInline, AttachmentInline)


@admin.register(TwinningPair)
class TwinningPairAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "kind", "started_on", "status", "ended_on", "unit", "is_synthetic")
    list_filter = ("kind", "status", "is_synthetic")
    list_select_related = ("unit", "vn_unit", "kh_unit", "vn_place", "kh_place")
    search_fields = ("vn_place_text", "kh_place_text", "vn_unit__name_vi", "kh_unit__name_vi")


@admin.register(Facility)
class FacilityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "place", "inaugurated_on", "unit", "is_synthetic")
    list_filter = ("kind", "is_synthetic")
    list_select_related = ("unit", "place")
    search_fields = ("name",)


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("title", "signed_on", "term_years", "expires_on", "unit", "is_synthetic")
    list_filter = ("is_synthetic",)
    list_select_related = ("unit",)
    search_fields = ("title",)
    filter_horizontal = ("parties",)
