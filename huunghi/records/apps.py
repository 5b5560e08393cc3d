from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "huunghi.records"
    label = "records"
    verbose_name = _("Cooperation records")

    def ready(self) -> None:
        from huunghi.geography import marker_selectors
        from huunghi.records import approval
        from huunghi.records.permissions import ActivityPolicy

        approval.register()
        marker_selectors.register_record_reader(ActivityPolicy.visible)
