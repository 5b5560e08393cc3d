from django.urls import path

from huunghi.records.views import activities, files, filters, registries, workflow
from huunghi.records.views.registries import AGREEMENTS, FACILITIES, TWINNING, pages

app_name = "records"


urlpatterns = [
    path("", activities.activity_list, name="list"),
    path("new/", activities.activity_choose_kind, name="choose_kind"),
    path("new/<slug:kind>/", activities.activity_create, name="create"),
    path("approvals/", workflow.approvals, name="approvals"),
    path("approvals/approve/", workflow.approvals_bulk, name="approvals_bulk"),
    path(
        "chain/<slug:kind>/<int:pk>/<slug:action>/",
        workflow.record_action,
        name="record_action",
    ),
    path("places/options/", activities.place_options, name="place_options"),
    path("units/options/", filters.unit_options, name="unit_options"),
    path("<int:pk>/", activities.activity_detail, name="detail"),
    path("<int:pk>/edit/", activities.activity_edit, name="edit"),
    path(
        "<int:pk>/<slug:action>/",
        workflow.activity_action,
        name="action",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        files.attachment_download,
        name="attachment",
    ),
    *pages("twinning", TWINNING, registries.twinning_list, registries.twinning_detail),
    *pages("facilities", FACILITIES, registries.facility_list, registries.facility_detail),
    *pages("agreements", AGREEMENTS, registries.agreement_list, registries.agreement_detail),
    path("agreements/<int:pk>/document/", files.agreement_document, name="agreement_document"),
]
