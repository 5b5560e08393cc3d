from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "huunghi.geography"
    label = "geography"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from huunghi.geography import approval, signals

        signals.connect()
        approval.register()
