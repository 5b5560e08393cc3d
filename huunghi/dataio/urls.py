from django.urls import path

from huunghi.dataio import views

app_name = "dataio"

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<str:kind>.xlsx", views.template_download, name="template"),
    path("import/", views.upload, name="upload"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/status/", views.import_job_status, name="import_status"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/restart/", views.import_restart, name="import_restart"),
    path("export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/status/", views.export_job_status, name="export_status"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
