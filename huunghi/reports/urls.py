from django.urls import include, path

from huunghi.reports import comparison, issued_views, views

app_name = "reports"

signed = [  # issued (signed) reports
    path("", issued_views.report_list, name="signed_list"),
    path("<int:pk>/", issued_views.report_detail, name="signed_detail"),
    path("<int:pk>/issue/", issued_views.report_issue, name="signed_issue"),
    path("<int:pk>/new-version/", issued_views.report_new_version, name="signed_new"),
    path("<int:pk>/<str:fmt>/", issued_views.report_download, name="signed_file"),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/", views.dashboard_data, name="dashboard_data"),
    path("totals.csv", views.dashboard_export, name="dashboard_export"),
    path("map/", views.map_layers, name="map_layers"),
    path("review/", views.review_request, name="review"),
    path("figures/", comparison.comparison, name="figure_comparison"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job_download"),
    path("signed/", include(signed)),
]
