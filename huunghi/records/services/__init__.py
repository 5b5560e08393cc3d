"""Every write to cooperation records goes through these functions.

Keyword-only, checked in full before writing, written in one transaction with the
audit row and the summary update.
"""

from huunghi.records.services.activities import (
    ActivityFields,
    CounterpartIn,
    QuantityIn,
    activity_create,
    activity_update,
)
from huunghi.records.services.registries import (
    agreement_create,
    agreement_update,
    facility_create,
    facility_update,
    twinning_create,
    twinning_update,
)
from huunghi.records.services.workflow import (
    activity_approve,
    activity_reopen,
    activity_return,
    activity_submit,
    record_approve,
    record_reopen,
    record_return,
    record_submit,
    records_bulk_approve,
)

__all__ = [
    "ActivityFields",
    "CounterpartIn",
    "QuantityIn",
    "activity_approve",
    "activity_create",
    "activity_reopen",
    "activity_return",
    "activity_submit",
    "activity_update",
    "agreement_create",
    "agreement_update",
    "facility_create",
    "facility_update",
    "record_approve",
    "record_reopen",
    "record_return",
    "record_submit",
    "records_bulk_approve",
    "twinning_create",
    "twinning_update",
]
