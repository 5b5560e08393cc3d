"""The upload form of the data page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from huunghi.core.form_choices import set_choices
from huunghi.dataio.kinds import registry
from huunghi.dataio.services.imports import check_upload


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of data"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel (.xlsx) or CSV (.csv) file made from the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "kind", [(k.code, k.label) for k in registry().values()])

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name, upload.size)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        return upload
