"""Root-level URLs of the offline app (the service worker must sit at the site root)."""

from django.urls import path

from huunghi.offline import views

app_name = "offline"

urlpatterns = [
    path("offline/", views.offline_app, name="app"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
]
