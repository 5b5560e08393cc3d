from django.urls import path

from huunghi.audit import views

app_name = "audit"

urlpatterns = [path("", views.audit_index, name="list")]
