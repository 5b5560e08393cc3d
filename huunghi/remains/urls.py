from django.urls import path

from huunghi.remains import views

app_name = "remains"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("seasons/new/", views.season_create, name="season_create"),
    path("seasons/<int:pk>/", views.season_detail, name="season_detail"),
    path("seasons/<int:pk>/phases/new/", views.phase_create, name="phase_create"),
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/new/", views.lead_create, name="lead_create"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("leads/<int:pk>/edit/", views.lead_edit, name="lead_edit"),
    path("leads/<int:pk>/status/", views.case_move, {"kind_key": "leads"}, name="lead_move"),
    path("sites/", views.site_list, name="site_list"),
    path("sites/new/", views.site_create, name="site_create"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/status/", views.case_move, {"kind_key": "sites"}, name="site_move"),
    path("excavations/", views.excavation_list, name="excavation_list"),
    path("excavations/new/", views.excavation_create, name="excavation_create"),
    path("excavations/<int:pk>/", views.excavation_detail, name="excavation_detail"),
    path("excavations/<int:pk>/edit/", views.excavation_edit, name="excavation_edit"),
    path(
        "excavations/<int:pk>/status/",
        views.case_move,
        {"kind_key": "excavations"},
        name="excavation_move",
    ),
    path("sets/", views.set_list, name="set_list"),
    path("sets/new/", views.set_create, name="set_create"),
    path("sets/<int:pk>/", views.set_detail, name="set_detail"),
    path("sets/<int:pk>/edit/", views.set_edit, name="set_edit"),
    path("sets/<int:pk>/status/", views.case_move, {"kind_key": "sets"}, name="set_move"),
    path("handovers/", views.handover_list, name="handover_list"),
    path("handovers/new/", views.handover_create, name="handover_create"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("reburials/", views.reburial_list, name="reburial_list"),
    path("reburials/new/", views.reburial_create, name="reburial_create"),
    path("reburials/<int:pk>/", views.reburial_detail, name="reburial_detail"),
]
