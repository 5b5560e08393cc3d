"""Read-only admin pages of imports (changes go through the review page and services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from huunghi.newsimport.models import NewsArticle, NewsProposal


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NewsArticle)
class NewsArticleAdmin(ReadOnlyAdmin):
    list_display = ("title", "site", "published", "unit", "imported_by", "status", "created_at")
    list_filter = ("status", "input_kind")
    search_fields = ("title", "site", "url")
    exclude = ("raw",)


@admin.register(NewsProposal)
class NewsProposalAdmin(ReadOnlyAdmin):
    list_display = ("article", "order", "record_type", "kind", "indicator", "decision")
    list_filter = ("record_type", "decision")
    list_select_related = ("article",)
