from django.urls import path

from huunghi.cycle import views

app_name = "cycle"

urlpatterns = [
    path("", views.index, name="index"),
    path(
        "owed/<int:obligation_id>/<int:unit_id>/<str:start>/",
        views.owed_detail,
        name="owed",
    ),
    path(
        "owed/<int:obligation_id>/<int:unit_id>/<str:start>/prepare/",
        views.owed_prepare,
        name="owed_prepare",
    ),
    path(
        "owed/<int:obligation_id>/<int:unit_id>/<str:start>/issue-send/",
        views.owed_issue_send,
        name="owed_issue_send",
    ),
    path("inbox/", views.inbox, name="inbox"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/<str:action>/",
        views.submission_act,
        name="submission_act",
    ),
    path("submissions/<int:pk>/share", views.submission_share, name="submission_share"),
    path("completeness/", views.completeness_page, name="completeness"),
    path("completeness/map.json", views.completeness_map_data, name="completeness_map"),
    path("compilation/<int:unit_id>/", views.compilation, name="compilation"),
    path("obligations/", views.obligation_list, name="obligations"),
    path("obligations/<int:pk>/", views.obligation_edit, name="obligation_edit"),
    path("shared/", views.shared_list, name="shared"),
    path("shared/<int:pk>/", views.shared_detail, name="shared_detail"),
    path("reminders/", views.reminders, name="reminders"),
]
