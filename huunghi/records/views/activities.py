"""Pages of activities: list, detail, choose a kind, create, edit, approvals inbox."""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.core import workflow
from huunghi.records import selectors, services
from huunghi.records.display import detail_rows, history_rows
from huunghi.records.forms import (
    ActivityFilterForm,
    ActivityForm,
    CounterpartFormSet,
    counterpart_initial,
)
from huunghi.records.forms.activity import linked_object
from huunghi.records.forms.fields import place_options as place_choice_options
from huunghi.records.kinds import REGISTRY, SPECS
from huunghi.records.models import Activity, ActivityKind
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.selectors import ActivityFilters, ActivityRow


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    """Filtered, keyset-paged list of readable activities (htmx swaps the results)."""
    form = ActivityFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound else ActivityFilters()
    page = selectors.activity_page(
        user=request.user,
        filters=filters,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        as_rows=True,
    )
    _label_choices(page.items)
    context = {
        "form": form,
        "page": page,
        "rows": activity_rows_html(page.items),
        "can_create": ActivityPolicy.can_create_any(request.user),
        "can_approve": ActivityPolicy.can_approve_any(request.user),
    }
    if getattr(request, "htmx", False):
        return render(request, "records/_activity_results.html", context)
    return render(request, "records/activity_list.html", context)


def _label_choices(items: list[ActivityRow]) -> None:
    """Give each row its kind and status labels from one dict each: ``get_FOO_display``
    rebuilds (and translates) the whole choice list on every call."""
    kinds = {k: str(v) for k, v in Activity._meta.get_field("kind").flatchoices}
    statuses = {k: str(v) for k, v in Activity._meta.get_field("status").flatchoices}
    for item in items:
        item.kind_label = kinds.get(item.kind, item.kind)
        item.status_label = statuses.get(item.status, item.status)


ROW_LABELS = (
    ("date", gettext_lazy("date")),
    ("title", gettext_lazy("title")),
    ("kind", gettext_lazy("kind")),
    ("unit", gettext_lazy("reporting unit")),
    ("place", gettext_lazy("place")),
    ("status", gettext_lazy("status")),
)
_PK = 987_654_321


def activity_rows_html(items: list[ActivityRow]) -> SafeString:
    """The ``<tr>`` rows of the records table, joined in Python (a template loop cost
    more than the rest of the page). Every value is escaped with :func:`html.escape`."""
    label = {key: escape(str(text)) for key, text in ROW_LABELS}
    synthetic = escape(_("synthetic"))
    link_start, link_end = reverse("records:detail", args=[_PK]).split(str(_PK))
    days: dict[Any, str] = {}
    rows = []
    for a in items:
        when = _day(a.start_date, days)
        if a.end_date and a.end_date != a.start_date:
            when += " – " + _day(a.end_date, days)
        badge = f' <span class="badge synthetic">{synthetic}</span>' if a.is_synthetic else ""
        rows.append(
            f'<tr>\n<td data-label="{label["date"]}">{escape(when)}</td>\n'
            f'<td data-label="{label["title"]}"><a href="{link_start}{a.pk}{link_end}">'
            f"{escape(a.title)}</a></td>\n"
            f'<td data-label="{label["kind"]}">{escape(a.kind_label or a.kind)}</td>\n'
            f'<td data-label="{label["unit"]}">{escape(a.unit_name)} '
            f"<small>{escape(a.country_code)}</small></td>\n"
            f'<td data-label="{label["place"]}">{_place_html(a)}</td>\n'
            f'<td data-label="{label["status"]}"><span class="badge {escape(a.status)}">'
            f"{escape(a.status_label or a.status)}</span>{badge}</td>\n</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped above


def _day(day: Any, known: dict[Any, str]) -> str:
    if day not in known:
        known[day] = date_format(day, "SHORT_DATE_FORMAT")
    return known[day]


def _place_html(row: ActivityRow) -> str:
    if row.place_id is None:
        return escape(row.place_text)
    text = escape(row.place_name)
    if row.province_now_id is not None and row.province_now_id != row.place_id:
        text += f" <small>→ {escape(row.province_now_name)}</small>"
    return text


@login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One record with its quantities, counterparts, attachments, parts and history."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    spec = REGISTRY[activity.kind]
    user = request.user
    shared_only = not _in_view_scope(user, activity)
    context = {
        "activity": activity,
        "spec": spec,
        "details": detail_rows(activity, spec),
        "markers": selectors.markers_for(activity, request.user),
        "linked": linked_object(activity, spec.link),
        "children": (
            selectors.activity_children(user=user, activity=activity)
            if activity.kind == ActivityKind.FESTIVAL
            else []
        ),
        "history": []
        if shared_only
        else history_rows(selectors.activity_history(activity=activity)),
        "can_change": ActivityPolicy.can_change(user, activity),
        "can_submit": ActivityPolicy.can_submit(user, activity),
        "can_decide": ActivityPolicy.can_decide(user, activity),
        "approve_refusal": workflow.four_eyes_refusal(user, activity),
        "can_reopen": ActivityPolicy.can_reopen(user, activity),
        "can_add_part": (
            activity.kind == ActivityKind.FESTIVAL and ActivityPolicy.can_create_any(user)
        ),
        "read_only_share": shared_only,
    }
    return render(request, "records/activity_detail.html", context)


def _in_view_scope(user: Reader, activity: Activity) -> bool:
    return scope_for(user).covers(Capability.VIEW, activity.unit.path)


@login_required
@require_GET
def activity_choose_kind(request: HttpRequest) -> HttpResponse:
    """Cards of the kinds of activity to start a new record."""
    if not ActivityPolicy.can_create_any(request.user):
        raise Http404
    parent = request.GET.get("parent", "")
    return render(request, "records/activity_kinds.html", {"specs": SPECS, "parent": parent})


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, kind: str) -> HttpResponse:
    """The form of one kind; saving makes a draft."""
    if kind not in REGISTRY or not ActivityPolicy.can_create_any(request.user):
        raise Http404
    initial = {**_parent_initial(request), **_link_initial(request)}
    form = ActivityForm(
        request.POST or None, request.FILES or None, user=request.user, kind=kind, initial=initial
    )
    formset = CounterpartFormSet(request.POST or None, prefix="cp")
    if request.method == "POST" and _valid(form, formset):
        activity = _save(
            form,
            formset,
            lambda **kw: services.activity_create(acting_user=request.user, kind=kind, **kw),
        )
        if activity is not None:
            messages.success(request, _("The record was saved as a draft."))
            return redirect("records:detail", pk=activity.pk)
    return _form_page(request, form, formset, None)


def _parent_initial(request: HttpRequest) -> dict[str, Any]:
    parent_id = request.GET.get("parent", "")
    if not parent_id.isdigit():
        return {}
    unit = selectors.default_unit(user=request.user)
    festival = selectors.festival_choices(user=request.user, unit=unit).filter(pk=parent_id).first()
    if festival is None:
        return {}
    return {"parent": festival, "start_date": festival.start_date}


def _link_initial(request: HttpRequest) -> dict[str, Any]:
    """``?link=<pk>`` preselects the facility, agreement or pair (the form checks access)."""
    link = request.GET.get("link", "")
    return {"link": int(link)} if link.isdigit() else {}


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a record; an approved one is reopened as a new revision on saving."""
    activity = selectors.activity_get_for_edit(user=request.user, pk=pk)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        kind=activity.kind,
        instance=activity,
    )
    formset = CounterpartFormSet(
        request.POST or None, prefix="cp", initial=counterpart_initial(activity)
    )
    if request.method == "POST" and _valid(form, formset):
        saved = _save(
            form,
            formset,
            lambda **kw: services.activity_update(
                activity=activity, acting_user=request.user, **kw
            ),
        )
        if saved is not None:
            messages.success(request, _("The record was saved."))
            return redirect("records:detail", pk=saved.pk)
    return _form_page(request, form, formset, activity)


def _valid(form: ActivityForm, formset: Any) -> bool:
    form_ok = form.is_valid()
    return formset.is_valid() and form_ok


def _save(form: ActivityForm, formset: Any, write: Any) -> Activity | None:
    """Call the service; its refusals are shown on the form, forbidden gives 404."""
    try:
        return write(**form.service_kwargs(formset.counterparts()))
    except ValidationError as exc:
        form.add_service_errors(exc)
    except PermissionDenied as exc:
        raise Http404 from exc
    return None


def _form_page(
    request: HttpRequest, form: ActivityForm, formset: Any, activity: Activity | None
) -> HttpResponse:
    status = 400 if form.is_bound and (form.errors or formset.errors) else 200
    context = {"form": form, "formset": formset, "activity": activity, "spec": form.spec}
    return render(request, "records/activity_form.html", context, status=status)


@login_required
@require_GET
def place_options(request: HttpRequest) -> HttpResponse:
    """``<option>``s for a place select: the current choice plus places matching ``q``."""
    field = request.GET.get("field", "place")
    selected = request.GET.getlist(field)
    found = selectors.place_search(text=request.GET.get("q", ""))
    context = {
        "options": place_choice_options(selected, found),
        "selected": {str(v) for v in selected},
        "blank": request.GET.get("multiple") != "1",
    }
    return render(request, "records/_place_options.html", context)
