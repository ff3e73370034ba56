from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    # Under /account/ beside allauth's pages (which have no "mijn/"): the account overview.
    path("account/mijn/", views.account, name="account"),
    path("uitnodigingen/", views.invitation_list, name="invitation_list"),
    path("uitnodigingen/<int:pk>/intrekken/", views.invitation_revoke, name="invitation_revoke"),
    path("uitnodigingen/<int:pk>/goedkeuren/", views.invitation_approve, name="invitation_approve"),
    path("uitnodigingen/<int:pk>/afwijzen/", views.invitation_decline, name="invitation_decline"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
