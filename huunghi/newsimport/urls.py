from django.urls import path

from huunghi.newsimport import views

app_name = "newsimport"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("<int:pk>/", views.article_review, name="review"),
    path("<int:pk>/address/", views.article_url, name="article_url"),
    path("<int:pk>/decide-all/", views.article_decide_all, name="decide_all"),
    path("proposals/<int:pk>/", views.proposal_card_view, name="proposal_card"),
    path("proposals/<int:pk>/accept/", views.proposal_accept, name="accept"),
    path("proposals/<int:pk>/reject/", views.proposal_reject, name="reject"),
    path("proposals/<int:pk>/organisation/", views.unknown_unit, name="unknown_unit"),
]
