from django.urls import path

from . import legal, views

app_name = "profiles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("steckbriefe/", views.ProfileListView.as_view(), name="profile_list"),
    path("steckbriefe/<slug:slug>/", views.ProfileDetailView.as_view(), name="profile_detail"),
    path("praxisbeispiele/", views.ExampleListView.as_view(), name="example_list"),
    path("praxisbeispiele/<slug:slug>/", views.ExampleDetailView.as_view(), name="example_detail"),
    path("handlungsfelder/", views.PolicyAreaListView.as_view(), name="policyarea_list"),
    path(
        "handlungsfelder/<slug:slug>/",
        views.PolicyAreaDetailView.as_view(),
        name="policyarea_detail",
    ),
    path("impressum/", legal.legal_page, {"slug": "impressum"}, name="impressum"),
    path("datenschutz/", legal.legal_page, {"slug": "datenschutz"}, name="datenschutz"),
    path(
        "barrierefreiheit/",
        legal.legal_page,
        {"slug": "barrierefreiheit"},
        name="barrierefreiheit",
    ),
]
