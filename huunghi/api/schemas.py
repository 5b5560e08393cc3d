"""Schemas shared by every router: references to units and places, and errors."""

import datetime as dt
import re
from typing import Annotated, Any

from ninja import Field, Schema
from ninja.schema import DjangoGetter
from pydantic import BeforeValidator, ConfigDict, StringConstraints, model_validator

from huunghi.core.boundary import FIRST_DAY, LAST_DAY, NO_CONTROL
from huunghi.core.names import localized_name


class InSchema(Schema):
    """Base of every request body and filter: a JSON object with known fields only.

    Ninja's schemas read attributes from any object (for responses built from models), so
    without this a JSON string body such as ``"hello world"`` would be read through
    ``str.title`` and change a title.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        raw = data._obj if isinstance(data, DjangoGetter) else data
        if isinstance(raw, dict):
            return data
        raise ValueError("The request body must be a JSON object.")


class ErrorOut(Schema):
    """A refusal: 400 unreadable body, 401 not signed in, 403 not allowed, 404 missing or
    not visible."""

    detail: str


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str = "value_error"


class ValidationErrorOut(Schema):
    """Input that cannot be accepted, one item per field and message."""

    detail: list[ErrorItem]


def _name(obj: Any) -> str:
    """A model's name in the active language; a row read as values (a dict, e.g. the
    activity list's) brings its name already."""
    return str(obj["name"]) if isinstance(obj, dict) else localized_name(obj)


def _country_code(obj: Any) -> str:
    return str(obj["country"]) if isinstance(obj, dict) else str(obj.country.code)


class UnitRef(Schema):
    id: int
    code: str
    name: str
    country: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return _name(obj)

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return _country_code(obj)


class PlaceRef(Schema):
    id: int
    code: str
    name: str
    level: str
    country: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return _name(obj)

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return _country_code(obj)


READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: ErrorOut, 403: ErrorOut}


def read(ok: Any, status: int = 200) -> dict[int, Any]:
    """Responses of a read endpoint: ``ok`` plus the documented errors."""
    return {status: ok, **READ_ERRORS}


def write(ok: Any, status: int = 200) -> dict[int, Any]:
    """Responses of a write endpoint: ``ok`` plus the documented errors (403 included)."""
    return {status: ok, **WRITE_ERRORS}


# Text without control characters and dates in a sane range: the same boundary as forms
# and imports (huunghi.core.boundary).


def text(max_length: int, min_length: int = 0) -> Any:
    """A string field type of at most ``max_length`` characters, without control characters."""
    return Annotated[
        str, StringConstraints(max_length=max_length, min_length=min_length, pattern=NO_CONTROL)
    ]


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: Any) -> Any:
    """A day as ``YYYY-MM-DD`` only: pydantic alone also reads a number, or a string of
    digits such as ``2.2e-309``, as a Unix time."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return value
    raise ValueError("Use a date in the form YYYY-MM-DD.")


Day = Annotated[dt.date, BeforeValidator(_iso_day), Field(ge=FIRST_DAY, le=LAST_DAY)]
