"""Places named by id in API input: a missing id is a 422 on that field."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from huunghi.api.lookups import or_field_error
from huunghi.geography import selectors


def place(field: str, pk: int | None) -> Any:
    """A place by id (geography is public reference data), or None."""
    if pk is None:
        return None
    return or_field_error(field, _("No such place."), lambda: selectors.unit_get(pk))


def places(field: str, ids: Iterable[int]) -> list[Any]:
    return [place(field, pk) for pk in ids]
