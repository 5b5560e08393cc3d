from django.urls import path

from huunghi.beneficiaries import views

app_name = "beneficiaries"

urlpatterns = [
    path("", views.pupil_list, name="list"),
    path("new/", views.pupil_create, name="create"),
    path("totals/", views.pupil_totals, name="totals"),
    path("alerts/", views.pupil_alerts, name="alerts"),
    path("<int:pk>/", views.pupil_detail, name="detail"),
    path("<int:pk>/edit/", views.pupil_edit, name="edit"),
    path("<int:pk>/end/", views.pupil_end, name="end"),
    path("<int:pk>/reopen/", views.pupil_reopen, name="reopen"),
    path("<int:pk>/payments/new/", views.payment_create, name="payment_create"),
    path("<int:pk>/payments/<int:payment_pk>/edit/", views.payment_edit, name="payment_edit"),
    path("<int:pk>/progress/new/", views.progress_record, name="progress_record"),
]
