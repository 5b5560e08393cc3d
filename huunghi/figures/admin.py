"""Read-only admin for reported figures: changes go through the services (audit, rules)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from huunghi.figures.models import ReportedFigure


@admin.register(ReportedFigure)
class ReportedFigureAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "indicator",
        "unit",
        "period_kind",
        "period_start",
        "period_end",
        "as_of",
        "value",
        "qualifier",
        "status",
        "is_synthetic",
    ]
    list_filter = ["status", "indicator", "is_synthetic", "source_kind"]
    search_fields = ["source_title", "source_site", "note", "unit__name_vi", "unit__code"]
    raw_id_fields = ["unit", "place"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
