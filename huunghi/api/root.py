"""The single NinjaAPI instance; each app contributes one router from its ``api.py``."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Hữu Nghị API",
    version="1",
    description="Scoped REST API for border cooperation records, figures and reports.",
    urls_namespace="api",
)
