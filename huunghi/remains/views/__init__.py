"""Pages for remains search, excavation and repatriation."""

from huunghi.remains.views.cases import (
    case_create,
    case_edit,
    case_list,
    case_move,
    excavation_detail,
    lead_detail,
    set_detail,
    site_detail,
)
from huunghi.remains.views.ceremonies import (
    handover_create,
    handover_detail,
    handover_list,
    reburial_create,
    reburial_detail,
    reburial_list,
)
from huunghi.remains.views.seasons import overview, phase_create, season_create, season_detail

__all__ = [
    "case_create",
    "case_edit",
    "case_list",
    "case_move",
    "excavation_detail",
    "handover_create",
    "handover_detail",
    "handover_list",
    "lead_detail",
    "overview",
    "phase_create",
    "reburial_create",
    "reburial_detail",
    "reburial_list",
    "season_create",
    "season_detail",
    "set_detail",
    "site_detail",
]
