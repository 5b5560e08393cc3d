"""Access policy for units: a unit is visible inside the reader's subtrees."""

from huunghi.core.policy import UnitScopedPolicy
from huunghi.organisations.models import Unit


class UnitPolicy(UnitScopedPolicy[Unit]):
    model = Unit
    unit_field = ""
