"""History pages show translated labels, never stored codes such as ``pupil.create``,
``in_progress`` or ``— → submitted``."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.template import Context, Template
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

from huunghi.audit import display
from huunghi.audit.models import AuditEvent
from huunghi.beneficiaries.models import Pupil
from huunghi.organisations.models import Unit, UnitVersion
from huunghi.remains.models import Excavation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_actions_are_named_with_the_model_and_a_verb():
    """``pupil.create`` reads "Sponsored pupil: created"; an unknown verb is not shown raw."""
    assert display.action_label("pupil.create", "beneficiaries.pupil") == "Sponsored pupil: created"
    assert display.action_label("bordermarker.submit", "geography.bordermarker") == (
        "Border marker: submitted for approval"
    )
    assert "frobnicate" not in display.action_label("pupil.frobnicate", "beneficiaries.pupil")


@pytest.mark.django_db
def test_changes_use_field_labels_and_choice_labels():
    """A status move shows "Status: — → in progress" with the field's label."""
    event = AuditEvent.objects.create(
        action="excavation.verify",
        target_type="remains.excavation",
        target_id="1",
        changes={"status": [None, "in_progress"], "estimated_count": ["1200", "2000"]},
    )
    row = display.event_rows([event])[0]
    changes = {c.label: (c.before, c.after) for c in row.changes}
    assert changes["Status"] == ("—", "in progress")
    assert "in_progress" not in str(changes)


@pytest.mark.django_db
def test_history_partial_renders_labels_not_codes():
    """The shared history partial renders the labels."""
    event = AuditEvent.objects.create(
        action="pupil.create", target_type="beneficiaries.pupil", target_id="1", changes={}
    )
    html = Template('{% include "audit/_history.html" with history=events %}').render(
        Context({"events": [event]})
    )
    assert "pupil.create" not in html
    assert "Sponsored pupil: created" in html


def test_status_history_tag_labels_codes():
    """The remains status history cell shows "in progress", not ``in_progress``."""
    html = Template(
        "{% load audit_labels %}{% value_label obj 'status' None %} → "
        "{% value_label obj 'status' 'in_progress' %}"
    ).render(Context({"obj": Excavation()}))
    assert html == "— → in progress"


def test_labels_are_translated_in_vietnamese():
    """The Vietnamese interface reads Vietnamese labels, not the English words or codes."""
    with translation.override("vi"):
        label = display.action_label("bordermarker.condition", "geography.bordermarker")
        status = display.value_label(Excavation, "status", "in_progress")
    assert "condition" not in label and "bordermarker" not in label
    assert "đã ghi nhận tình trạng" in label
    assert status != "in progress" and status != "in_progress"


#: Apps whose models still lack translated field labels (owned by other work in progress).
PENDING_APPS: set[str] = set()


def _our_labels():
    """(where, label) of every model name and concrete field of our apps."""
    for model in apps.get_models():
        if model.__module__.startswith("huunghi.") and model._meta.app_label not in PENDING_APPS:
            yield model._meta.label, model._meta.verbose_name
            yield f"{model._meta.label} (plural)", model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if field.concrete and not field.primary_key:
                    yield f"{model._meta.label}.{field.name}", field.verbose_name


def test_every_model_and_field_label_is_translated():
    """Each model and concrete field of our apps has a ``gettext_lazy`` label with
    Vietnamese and Khmer translations, so no history, form or admin page shows the
    attribute name in English."""
    missing = []
    for where, label in _our_labels():
        with translation.override(None):
            source = str(label)
        for language in ("vi", "km"):
            with translation.override(language):
                if not isinstance(label, Promise) or str(label) == source:
                    missing.append(f"{where} ({language})")
    assert missing == []


def test_reverse_relations_and_the_id_read_in_vietnamese():
    """A reverse relation is named by the related model, the primary key by a translated
    "ID", an inherited approval field by its own label; nothing falls back to English."""
    with translation.override("vi"):
        assert display.field_label(Unit, "children") == "Đơn vị"
        assert display.field_label(Unit, "versions") == capfirst(
            str(UnitVersion._meta.verbose_name_plural)
        )
        assert display.field_label(Unit, "id") == "Mã định danh"
        assert display.field_label(Pupil, "approved_by") == "Người phê duyệt"
        assert display.field_label(Unit, "attachments") == "Tệp đính kèm"
    assert display.field_label(Unit, "versions") != "Versions"


@pytest.mark.django_db
def test_deleted_object_history_shows_a_translated_id():
    """A deletion's snapshot holds ``id``; the Vietnamese history reads "Mã định danh"."""
    event = AuditEvent.objects.create(
        action="pupil.delete",
        target_type="beneficiaries.pupil",
        target_id="7",
        changes={"id": [7, None], "approved_by": [5, None]},
    )
    with translation.override("vi"):
        labels = [change.label for change in display.event_rows([event])[0].changes]
    assert "Mã định danh" in labels
    assert "ID" not in labels and "Approved by" not in labels
