"""Forms of the records app (they read input; services write)."""

from huunghi.records.forms.activity import (
    ActivityForm,
    CounterpartFormSet,
    counterpart_initial,
)
from huunghi.records.forms.filters import ActivityFilterForm
from huunghi.records.forms.registries import AgreementForm, FacilityForm, TwinningPairForm

__all__ = [
    "ActivityFilterForm",
    "ActivityForm",
    "AgreementForm",
    "CounterpartFormSet",
    "FacilityForm",
    "TwinningPairForm",
    "counterpart_initial",
]
