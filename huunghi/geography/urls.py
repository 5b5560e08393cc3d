from django.urls import path

from huunghi.core.url_patterns import object_pages
from huunghi.geography import marker_views, views

app_name = "geography"

urlpatterns = [
    path("", views.place_browser, name="browser"),
    path("<int:pk>/", views.place_detail, name="detail"),
    path("border/", views.border, name="border"),
    path("options/", views.place_options, name="place_options"),
    *object_pages(
        "markers",
        "marker",
        list_view=marker_views.marker_list,
        create_view=marker_views.marker_create,
        detail_view=marker_views.marker_detail,
        edit_view=marker_views.marker_edit,
    ),
    path("markers/map/", marker_views.marker_map, name="marker_map"),
    path("markers/map/data/", marker_views.marker_map_data, name="marker_map_data"),
    path("markers/<int:pk>/condition/", marker_views.marker_condition, name="marker_condition"),
]
