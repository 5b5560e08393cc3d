from django.urls import include, path

from huunghi.dataio import views

app_name = "dataio"

imports = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.import_job, name="import_job"),
    path("<int:pk>/status/", views.import_job_status, name="import_status"),
    path("<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/restart/", views.import_restart, name="import_restart"),
]
exports = [
    path("<int:pk>/", views.export_job, name="export_job"),
    path("<int:pk>/status/", views.export_job_status, name="export_status"),
    path("<int:pk>/download/", views.export_download, name="export_download"),
]

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<str:kind>.xlsx", views.template_download, name="template"),
    path("import/", include(imports)),
    path("export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("exports/", include(exports)),
]
