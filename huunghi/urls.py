"""Root URL configuration: one include per app, the API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("huunghi.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("huunghi.accounts.urls")),
    path("audit/", include("huunghi.audit.urls")),
    path("places/", include("huunghi.geography.urls")),
    path("units/", include("huunghi.organisations.urls")),
    path("records/", include("huunghi.records.urls")),
    path("figures/", include("huunghi.figures.urls")),
    path("pupils/", include("huunghi.beneficiaries.urls")),
    path("remains/", include("huunghi.remains.urls")),
    path("reports/", include("huunghi.reports.urls")),
    path("data/", include("huunghi.dataio.urls")),
    path("news/", include("huunghi.newsimport.urls")),
    path("cycle/", include("huunghi.cycle.urls")),
    path("api/v1/", include("huunghi.api.urls")),
    path("", include("huunghi.offline.urls")),
    path("admin/", admin.site.urls),
]
