"""Writes for remains search, excavation and repatriation.

- :mod:`.status`: the dated, audited status moves shared by every case;
- :mod:`.common`: checks and save steps shared by the writes;
- :mod:`.leads`: seasons, leads and search sites;
- :mod:`.excavations`: excavations and remains sets;
- :mod:`.ceremonies`: handover ceremonies and reburials.
"""

from huunghi.remains.services.ceremonies import handover_create, reburial_create
from huunghi.remains.services.excavations import (
    excavation_create,
    excavation_move,
    excavation_update,
    set_create,
    set_move,
    set_update,
)
from huunghi.remains.services.leads import (
    lead_create,
    lead_move,
    lead_update,
    phase_create,
    season_create,
    site_create,
    site_move,
    site_update,
)

__all__ = [
    "excavation_create",
    "excavation_move",
    "excavation_update",
    "handover_create",
    "lead_create",
    "lead_move",
    "lead_update",
    "phase_create",
    "reburial_create",
    "season_create",
    "set_create",
    "set_move",
    "set_update",
    "site_create",
    "site_move",
    "site_update",
]
