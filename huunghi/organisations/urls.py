from django.urls import path

from huunghi.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/add/", views.unit_add_child, name="add_child"),
    path("<int:pk>/rename/", views.unit_rename, name="rename"),
    path("<int:pk>/move/", views.unit_move, name="move"),
    path("<int:pk>/merge/", views.unit_merge, name="merge"),
]
