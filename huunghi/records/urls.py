from django.urls import path

from huunghi.records.views import activities, files, filters, registries, workflow

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
    path("twinning/", registries.twinning_list, name="twinning_list"),
    path("twinning/new/", registries.twinning_create, name="twinning_create"),
    path("twinning/<int:pk>/", registries.twinning_detail, name="twinning_detail"),
    path("twinning/<int:pk>/edit/", registries.twinning_edit, name="twinning_edit"),
    path("facilities/", registries.facility_list, name="facility_list"),
    path("facilities/new/", registries.facility_create, name="facility_create"),
    path("facilities/<int:pk>/", registries.facility_detail, name="facility_detail"),
    path("facilities/<int:pk>/edit/", registries.facility_edit, name="facility_edit"),
    path("agreements/", registries.agreement_list, name="agreement_list"),
    path("agreements/new/", registries.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", registries.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", registries.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", files.agreement_document, name="agreement_document"),
]
