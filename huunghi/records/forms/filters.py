"""The activity list's filter form (read from the query string).

Its selects are rendered in Python (:class:`FastSelect`): Django's widget templates
render every ``<option>`` through a template of its own, which cost more than the rest
of the page. The unit filter lists only the chosen unit; a search box next to it fetches
matching units as the user types (``records:unit_options``), so a national account does
not download thousands of units with every page.
"""

from __future__ import annotations

import time
from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.records import selectors
from huunghi.records.forms.fields import DateInput, UnitChoiceField
from huunghi.records.models import ActivityKind, Status
from huunghi.records.places import place_label
from huunghi.records.selectors import ActivityFilters

COUNTRIES = [("", _("both countries")), ("VN", _("Vietnam")), ("KH", _("Cambodia"))]


SELECTED = mark_safe(" selected")


class FastSelect(forms.Select):
    """A ``<select>`` whose options are joined in Python instead of one template each.

    With an ``options_key`` (choices that depend only on it and the language), the
    escaped options are kept per process and language and only ``selected`` is added
    per request."""

    def __init__(self, attrs: dict[str, Any] | None = None, options_key: Any = None) -> None:
        super().__init__(attrs)
        self.options_key = options_key

    def render(  # type: ignore[override]
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = set(self.format_value(value))
        if self.options_key is None:
            options = options_html(self.choices, chosen)
        else:
            options = _kept_options_html(self.options_key, self.choices, chosen)
        return format_html("<select{}>{}</select>", flatatt(final), options)


# Escaped options of selects with an options_key: {(key, language): [(value, start, end)]}.
_OPTIONS: dict[tuple[Any, str], list[tuple[str, str, str]]] = {}
_OPTIONS_LIMIT = 200


def _kept_options_html(key: Any, choices: Any, chosen: set[str]) -> SafeString:
    """:func:`options_html` from the options kept for ``key`` and the active language."""
    kept_key = (key, get_language() or "")
    parts = _OPTIONS.get(kept_key)
    if parts is None:
        parts = []
        for value, label in choices:
            text = str(value)
            parts.append(
                (text, f'<option value="{escape(text)}"', f">{escape(str(label))}</option>")
            )
        if len(_OPTIONS) >= _OPTIONS_LIMIT:
            _OPTIONS.clear()
        _OPTIONS[kept_key] = parts
    html = "".join(
        f"{start} selected{end}" if text in chosen else start + end for text, start, end in parts
    )
    return mark_safe(html)  # noqa: S308 - every value and label escaped above


def options_html(choices: Any, chosen: set[str]) -> SafeString:
    """``<option>`` elements for ``(value, label)`` pairs, ``chosen`` values selected
    (escaped with :func:`html.escape`: ``format_html`` per option costs ~20× more)."""
    parts = []
    for value, label in choices:
        text = str(value)
        selected = " selected" if text in chosen else ""
        parts.append(f'<option value="{escape(text)}"{selected}>{escape(str(label))}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every value and label escaped above


class FastInput(forms.widgets.Input):
    """An ``<input>`` joined in Python: the markup of Django's input template (type,
    name, the value when there is one, then the attributes) without its three templates."""

    def render(  # type: ignore[override]
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = {} if widget["value"] is None else {"value": widget["value"]}
        final = {"type": widget["type"], "name": widget["name"], **shown, **widget["attrs"]}
        parts = []
        for key, given in final.items():  # as attrs.html: False left out, True bare
            if given is True:
                parts.append(f" {conditional_escape(key)}")
            elif given is not False:
                parts.append(f' {conditional_escape(key)}="{conditional_escape(str(given))}"')
        return mark_safe("<input" + "".join(parts) + ">")  # noqa: S308 - escaped above


class FastDateInput(FastInput, DateInput):
    pass


class FastTextInput(FastInput, forms.TextInput):
    pass


class UnitFilterField(UnitChoiceField):
    """Any readable unit is accepted; the widget lists only the chosen one."""

    widget = FastSelect

    def offer(self, unit: Any) -> None:
        """List only ``unit`` (None: only the empty choice)."""
        options = [("", self.empty_label)]
        if unit is not None:
            options.append((unit.pk, self.label_from_instance(unit)))
        self.widget.choices = options


# Provinces are reference data: their options are built once per language and process
# and kept for a few minutes (a loader that changes them is seen after that).
PROVINCE_OPTIONS_SECONDS = 300.0
_province_options: dict[str, tuple[float, list[tuple[Any, str]]]] = {}


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:  # type: ignore[override]
        return place_label(obj)

    def offer_cached(self) -> None:
        """List the provinces from the per-process cache (validation still queries)."""
        language = get_language() or ""
        cached = _province_options.get(language)
        if cached is None or time.monotonic() - cached[0] > PROVINCE_OPTIONS_SECONDS:
            rows = self.queryset if self.queryset is not None else ()
            options = [(p.pk, self.label_from_instance(p)) for p in rows]
            cached = (time.monotonic(), options)
            _province_options[language] = cached
        self.widget.choices = [("", self.empty_label), *cached[1]]
        if isinstance(self.widget, FastSelect):
            self.widget.options_key = ("province", cached[0])


class StaticChoiceField(forms.ChoiceField):
    """A choice field whose choices every form shares (never changed per form): the
    form's copy of its fields does not deep-copy them."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return forms.Field.__deepcopy__(self, memo)


class ActivityFilterForm(forms.Form):
    date_from = forms.DateField(label=_("from"), required=False, widget=FastDateInput())
    date_to = forms.DateField(label=_("to"), required=False, widget=FastDateInput())
    unit = UnitFilterField(
        label=_("unit and its sub-units"),
        required=False,
        queryset=selectors.readable_units(user=None),
    )
    kind = StaticChoiceField(
        label=_("kind"),
        required=False,
        choices=[("", _("all kinds")), *ActivityKind.choices],
        widget=FastSelect(options_key="kind"),
    )
    country = StaticChoiceField(
        label=_("country"),
        required=False,
        choices=COUNTRIES,
        widget=FastSelect(options_key="country"),
    )
    province = ProvinceChoiceField(
        label=_("province (then or now)"),
        required=False,
        queryset=selectors.province_filter_choices(),
        widget=FastSelect,
    )
    status = StaticChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("any status")), *Status.choices],
        widget=FastSelect(options_key="status"),
    )
    q = forms.CharField(label=_("text"), required=False, max_length=100, widget=FastTextInput)

    def __init__(self, data: Any = None, *, user: Reader) -> None:
        super().__init__(data)
        if self.is_bound:  # an unbound form never validates a unit (its field's own
            # queryset is empty): the plain list page builds no query for it
            units = selectors.readable_units(user=user).select_related("country")
            self.unit_field.queryset = units
        self.unit_field.offer(None)
        province = self.fields["province"]
        if isinstance(province, ProvinceChoiceField):
            province.offer_cached()

    @property
    def unit_field(self) -> UnitFilterField:
        field = self.fields["unit"]
        if not isinstance(field, UnitFilterField):
            raise TypeError("unit is not a unit filter field")
        return field

    def labelled_fields(self) -> tuple[SafeString, SafeString]:
        """Each field as ``<label>Label <widget></label>`` (the label capitalised and
        escaped as ``{{ field.label|capfirst }}`` does), joined in Python: up to the unit
        filter, and after it (its search box goes in between)."""
        parts: list[list[str]] = [[], []]
        after = 0
        for field in self:
            label = conditional_escape(capfirst(str(field.label)))
            parts[after].append(f"<label>{label} {field.as_widget()}</label>")
            if field.name == "unit":
                after = 1
        return mark_safe("".join(parts[0])), mark_safe("".join(parts[1]))  # noqa: S308

    def filters(self) -> ActivityFilters:
        """The filters chosen; invalid values are ignored rather than failing the page."""
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        self.unit_field.offer(data.get("unit"))
        return ActivityFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            unit=data.get("unit"),
            kind=data.get("kind") or "",
            country=data.get("country") or "",
            province=data.get("province"),
            status=data.get("status") or "",
            text=(data.get("q") or "").strip(),
        )
