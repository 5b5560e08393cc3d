"""A place picker that searches as you type instead of listing every place.

A plain ``<select>`` of every commune of a country holds thousands of options (1,897
for Cambodia's provinces, districts and communes). :class:`PlaceSearchSelect` renders
only the chosen place(s) and a search box; typing fetches matching places from
``geography:place_options`` (htmx) into the select. Validation is unchanged: the
field's queryset still decides which places are accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from huunghi.geography.labels import place_label


class PlaceSearchSelect(forms.Select):
    """A select holding only the chosen place, with a search box that fills it."""

    template_name = "geography/widgets/place_search.html"
    allow_multiple_selected = False

    def __init__(
        self,
        *,
        country: str = "",
        levels: Iterable[str] = (),
        current_only: bool = False,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs=attrs)
        self.country = country
        self.levels = tuple(levels)
        self.current_only = current_only

    def search_url(self, name: str) -> str:
        params: list[tuple[str, str]] = [("field", name)]
        if self.country:
            params.append(("country", self.country))
        params += [("level", level) for level in self.levels]
        if self.current_only:
            params.append(("current", "1"))
        if self.allow_multiple_selected:
            params.append(("multiple", "1"))
        return f"{reverse('geography:place_options')}?{urlencode(params)}"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url(name)
        return context

    def optgroups(self, name: str, value: list[Any], attrs: Any = None) -> list[Any]:
        """Only the blank choice and the selected places (one query)."""
        full = self.choices
        self.choices = self._selected_choices(full, value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = full

    def _selected_choices(self, full: Any, value: list[Any]) -> list[tuple[Any, str]]:
        ids = [int(v) for v in value if str(v).isdigit()]
        queryset = getattr(full, "queryset", None)
        blank = [] if self.allow_multiple_selected else [("", "—")]
        if queryset is None or not ids:
            return blank
        places = queryset.filter(pk__in=ids).select_related("province", "parent")
        return blank + [(p.pk, place_label(p)) for p in places]


class PlaceSearchSelectMultiple(PlaceSearchSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)


def use_place_search(
    field: forms.Field,
    *,
    country: str = "",
    levels: Iterable[str] = (),
    current_only: bool = False,
) -> None:
    """Give a place field (after its queryset is set) the search-as-you-type picker."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = PlaceSearchSelectMultiple if multiple else PlaceSearchSelect
    widget = widget_class(country=country, levels=levels, current_only=current_only)
    widget.attrs.update(field.widget.attrs)
    widget.is_required = field.required
    widget.choices = field.choices  # type: ignore[attr-defined]
    field.widget = widget
