from django.urls import path

from . import compare, feeds, qrcodes, views

app_name = "profiles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("steckbriefe/", views.ProfileListView.as_view(), name="profile_list"),
    path("steckbriefe/feed/", feeds.profile_feed, name="profile_feed"),
    path("steckbriefe/<slug:slug>/", views.ProfileDetailView.as_view(), name="profile_detail"),
    path("praxisbeispiele/", views.ExampleListView.as_view(), name="example_list"),
    path("praxisbeispiele/<slug:slug>/", views.ExampleDetailView.as_view(), name="example_detail"),
    path("handlungsfelder/", views.PolicyAreaListView.as_view(), name="policyarea_list"),
    path(
        "handlungsfelder/<slug:slug>/",
        views.PolicyAreaDetailView.as_view(),
        name="policyarea_detail",
    ),
    path("steckbriefe/<slug:slug>/qr.svg", qrcodes.ProfileQRCodeView.as_view(), name="profile_qr"),
    path(
        "praxisbeispiele/<slug:slug>/qr.svg",
        qrcodes.ExampleQRCodeView.as_view(),
        name="example_qr",
    ),
    path("vergleich/", compare.compare, name="compare"),
]
