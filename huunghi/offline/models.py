"""Records entered on a device without a connection and sent later.

A device gives every record it creates a UUID. The server keeps, in its own table,
which activity each UUID became, so a record sent twice (a retried batch, a lost
response) is written once. The activity itself is an ordinary record of the
``records`` app, created through its services.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncedRecord(models.Model):
    """One record a device created offline, and the activity it became."""

    client_uuid = models.UUIDField(_("device record id"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    activity = models.ForeignKey(
        "records.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activity"),
    )
    created_offline_at = models.DateTimeField(_("recorded on the device at"))
    synced_at = models.DateTimeField(_("last received at"))
    server_updated_at = models.DateTimeField(
        _("activity changed at"),
        help_text=_("The activity's last change when the device's version was applied."),
    )
    payload_digest = models.CharField(_("payload digest"), max_length=64)

    class Meta:
        verbose_name = _("record sent from a device")
        verbose_name_plural = _("records sent from devices")
        ordering = ["-synced_at"]

    def __str__(self) -> str:
        return str(self.client_uuid)
