from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsimportConfig(AppConfig):
    name = "huunghi.newsimport"
    label = "newsimport"
    verbose_name = _("News import")

    def ready(self) -> None:
        from huunghi.newsimport import signals

        signals.connect()
