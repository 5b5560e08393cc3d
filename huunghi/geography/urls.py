from django.urls import path

from huunghi.geography import marker_views, views

app_name = "geography"

urlpatterns = [
    path("", views.place_browser, name="browser"),
    path("<int:pk>/", views.place_detail, name="detail"),
    path("border/", views.border, name="border"),
    path("options/", views.place_options, name="place_options"),
    path("markers/", marker_views.marker_list, name="marker_list"),
    path("markers/map/", marker_views.marker_map, name="marker_map"),
    path("markers/map/data/", marker_views.marker_map_data, name="marker_map_data"),
    path("markers/new/", marker_views.marker_create, name="marker_create"),
    path("markers/<int:pk>/", marker_views.marker_detail, name="marker_detail"),
    path("markers/<int:pk>/edit/", marker_views.marker_edit, name="marker_edit"),
    path("markers/<int:pk>/condition/", marker_views.marker_condition, name="marker_condition"),
]
