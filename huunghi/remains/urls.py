from functools import partial

from django.urls import URLPattern, path

from huunghi.core.url_patterns import View, object_pages
from huunghi.remains import views

app_name = "remains"


def _case_pages(kind_key: str, name: str, detail_view: View) -> list[URLPattern]:
    """A kind of case: the shared list, create, edit and status pages, its own detail."""
    kind = {"kind_key": kind_key}
    return [
        *object_pages(
            kind_key,
            name,
            list_view=partial(views.case_list, kind_key=kind_key),
            create_view=partial(views.case_create, kind_key=kind_key),
            detail_view=detail_view,
            edit_view=partial(views.case_edit, kind_key=kind_key),
        ),
        path(f"{kind_key}/<int:pk>/status/", views.case_move, kind, name=f"{name}_move"),
    ]


urlpatterns = [
    path("", views.overview, name="overview"),
    path("seasons/new/", views.season_create, name="season_create"),
    path("seasons/<int:pk>/", views.season_detail, name="season_detail"),
    path("seasons/<int:pk>/phases/new/", views.phase_create, name="phase_create"),
    *_case_pages("leads", "lead", views.lead_detail),
    *_case_pages("sites", "site", views.site_detail),
    *_case_pages("excavations", "excavation", views.excavation_detail),
    *_case_pages("sets", "set", views.set_detail),
    path("handovers/", views.handover_list, name="handover_list"),
    path("handovers/new/", views.handover_create, name="handover_create"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("reburials/", views.reburial_list, name="reburial_list"),
    path("reburials/new/", views.reburial_create, name="reburial_create"),
    path("reburials/<int:pk>/", views.reburial_detail, name="reburial_detail"),
]
