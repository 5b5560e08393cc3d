"""The border marker registry in the approval chain (:mod:`huunghi.core.workflow`):
the approvals page, bulk approve, the returned list and ``/api/v1/workflow/marker``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from huunghi.core.workflow import WorkflowKind, register_kind
from huunghi.geography.models import BorderMarker
from huunghi.geography.permissions import MarkerPolicy

KIND = WorkflowKind(
    "marker", BorderMarker, MarkerPolicy, _("Border markers"), related=("province",)
)


def register() -> None:
    register_kind(KIND)
