from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "huunghi.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from huunghi.reports import (
            pupil_sources,
            remains_sources,
            summaries,
            summary_batch,
            totals_cache,
        )

        summaries.register_hooks()
        summary_batch.register_hooks()
        totals_cache.register_hooks()
        pupil_sources.register()
        remains_sources.register()
