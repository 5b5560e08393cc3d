"""A service's ValidationError is shown next to the form field it names, or above the form."""

from django import forms
from django.core.exceptions import ValidationError

from huunghi.core.form_errors import ServiceErrorsMixin, add_service_errors, run_service


class TitleForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField()
    period = forms.CharField(required=False)


def _bound() -> TitleForm:
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_that_field():
    form = _bound()
    add_service_errors(form, ValidationError({"title": "Too short."}))
    assert form.errors == {"title": ["Too short."]}


def test_an_error_on_a_field_the_form_lacks_goes_above_the_form():
    form = _bound()
    add_service_errors(form, ValidationError({"unit": "Not yours."}))
    assert form.non_field_errors() == ["Not yours."]
    assert "unit" not in form.errors


def test_an_error_without_fields_goes_above_the_form():
    form = _bound()
    form.add_service_errors(ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]


def test_renamed_fields_point_at_the_form_field_that_holds_them():
    form = _bound()
    add_service_errors(
        form, ValidationError({"period_start": "Bad start."}), renamed={"period_start": "period"}
    )
    assert form.errors == {"period": ["Bad start."]}


def test_run_service_returns_the_result_or_none_with_the_errors_on_the_form():
    form = _bound()
    assert run_service(form, lambda: 7) == 7
    assert form.errors == {}

    def refuse() -> int:
        raise ValidationError({"title": "Taken."})

    assert run_service(form, refuse) is None
    assert form.errors == {"title": ["Taken."]}
