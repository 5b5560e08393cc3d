from django.urls import path

from huunghi.beneficiaries import views
from huunghi.core.url_patterns import object_pages

app_name = "beneficiaries"

urlpatterns = [
    *object_pages(
        "",
        "",
        list_view=views.pupil_list,
        create_view=views.pupil_create,
        detail_view=views.pupil_detail,
        edit_view=views.pupil_edit,
    ),
    path("totals/", views.pupil_totals, name="totals"),
    path("alerts/", views.pupil_alerts, name="alerts"),
    path("<int:pk>/end/", views.pupil_end, name="end"),
    path("<int:pk>/reopen/", views.pupil_reopen, name="reopen"),
    path("<int:pk>/payments/new/", views.payment_create, name="payment_create"),
    path("<int:pk>/payments/<int:payment_pk>/edit/", views.payment_edit, name="payment_edit"),
    path("<int:pk>/progress/new/", views.progress_record, name="progress_record"),
]
