from django.urls import path

from huunghi.api.root import api

urlpatterns = [path("", api.urls)]
