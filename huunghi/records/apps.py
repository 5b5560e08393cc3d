from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "huunghi.records"
    label = "records"
    verbose_name = _("Cooperation records")

    def ready(self) -> None:
        from huunghi.records import approval

        approval.register()
