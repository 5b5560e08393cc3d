from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeneficiariesConfig(AppConfig):
    name = "huunghi.beneficiaries"
    label = "beneficiaries"
    verbose_name = _("Pupil sponsorship")

    def ready(self) -> None:
        from huunghi.beneficiaries import approval

        approval.register()
