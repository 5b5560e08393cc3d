from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "huunghi.cycle"
    label = "cycle"
    verbose_name = _("Reporting cycle")

    def ready(self) -> None:
        from huunghi.cycle.tallies import on_unit_version_saved
        from huunghi.organisations.models import UnitVersion

        post_save.connect(
            on_unit_version_saved, sender=UnitVersion, dispatch_uid="cycle_tallies_on_move"
        )
