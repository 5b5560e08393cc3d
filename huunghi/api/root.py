"""The single NinjaAPI instance; each app contributes one router from its ``api.py``.

Every endpoint needs a personal token (``Authorization: Bearer hn_…``) or the browser
session (with CSRF for unsafe methods). The OpenAPI description is served at
``/api/v1/openapi.json`` and the documentation at ``/api/v1/docs``.
"""

from ninja import NinjaAPI

from huunghi.api.auth import api_auth
from huunghi.api.docs import LocalSwagger
from huunghi.api.errors import install_handlers
from huunghi.api.single_values import use_schema

api = NinjaAPI(
    title="Hữu Nghị API",
    version="1",
    description=(
        "Scoped REST API for border cooperation records, figures and reports. "
        "Authenticate with a personal token: `Authorization: Bearer hn_…`."
    ),
    urls_namespace="api",
    auth=api_auth(),
    docs=LocalSwagger(),
)
install_handlers(api)
use_schema(api.get_openapi_schema)


def _register() -> None:
    """Mount one router per app (imported here so app modules load after settings)."""
    from huunghi.accounts.api import router as accounts
    from huunghi.api.workflow import router as chain
    from huunghi.beneficiaries.api import router as pupils
    from huunghi.cycle.api import router as cycle
    from huunghi.figures.api import router as figures
    from huunghi.geography.api import marker_router as markers
    from huunghi.geography.api import router as places
    from huunghi.offline.api import router as offline
    from huunghi.organisations.api import router as units
    from huunghi.records.api import approvals_router
    from huunghi.records.api import router as activities
    from huunghi.remains.api import router as remains
    from huunghi.reports.api import router as reports

    api.add_router("/account", accounts)
    api.add_router("/places", places)
    api.add_router("/markers", markers)
    api.add_router("/units", units)
    api.add_router("/activities", activities)
    api.add_router("/approvals", approvals_router)
    api.add_router("/workflow", chain)
    api.add_router("/figures", figures)
    api.add_router("/pupils", pupils)
    api.add_router("/remains", remains)
    api.add_router("/reports", reports)
    api.add_router("/offline", offline)
    api.add_router("/cycle", cycle)


_register()
