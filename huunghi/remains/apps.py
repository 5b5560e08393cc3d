from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemainsConfig(AppConfig):
    name = "huunghi.remains"
    label = "remains"
    verbose_name = _("Remains search and repatriation")

    def ready(self) -> None:
        from huunghi.remains import approval

        approval.register()
