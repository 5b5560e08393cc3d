from django.urls import path

from huunghi.geography import views

app_name = "geography"

urlpatterns = [
    path("", views.place_browser, name="browser"),
    path("<int:pk>/", views.place_detail, name="detail"),
    path("border/", views.border, name="border"),
]
