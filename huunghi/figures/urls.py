from django.urls import path

from huunghi.figures import views

app_name = "figures"

urlpatterns = [
    path("", views.figure_list, name="list"),
    path("new/", views.figure_create, name="create"),
    path("period-fields/", views.period_fields, name="period_fields"),
    path("<int:pk>/", views.figure_detail, name="detail"),
    path("<int:pk>/edit/", views.figure_edit, name="edit"),
    path("<int:pk>/<str:action>/", views.figure_action, name="action"),
]
