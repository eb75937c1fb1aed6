from django.urls import path

from profiles.opendata import api
from profiles.opendata import downloads as opendata
from profiles.public import compare, downloads, explain, feeds, legal, qrcodes, views

app_name = "profiles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("steckbriefe/", views.ProfileListView.as_view(), name="profile_list"),
    path("steckbriefe/feed/", feeds.profile_feed, name="profile_feed"),
    path("steckbriefe/<slug:slug>/", views.ProfileDetailView.as_view(), name="profile_detail"),
    path("praxisbeispiele/", views.ExampleListView.as_view(), name="example_list"),
    path("praxisbeispiele/karte/", views.ExampleMapView.as_view(), name="example_map"),
    path("praxisbeispiele/<slug:slug>/", views.ExampleDetailView.as_view(), name="example_detail"),
    path("handlungsfelder/", views.PolicyAreaListView.as_view(), name="policyarea_list"),
    path(
        "handlungsfelder/<slug:slug>/",
        views.PolicyAreaDetailView.as_view(),
        name="policyarea_detail",
    ),
    path("steckbriefe/<slug:slug>/qr.svg", qrcodes.ProfileQRCodeView.as_view(), name="profile_qr"),
    path("steckbriefe/<slug:slug>/pdf/", downloads.ProfilePDFView.as_view(), name="profile_pdf"),
    path(
        "steckbriefe/<slug:slug>/vorschau.png",
        downloads.ProfileCardView.as_view(),
        name="profile_card",
    ),
    path(
        "praxisbeispiele/<slug:slug>/qr.svg",
        qrcodes.ExampleQRCodeView.as_view(),
        name="example_qr",
    ),
    path("vergleich/", compare.compare, name="compare"),
    path("merkliste/", views.MerklisteView.as_view(), name="merkliste"),
    path(
        "lasten-nutzen-ausgleich/",
        explain.LastenNutzenAusgleichView.as_view(),
        name="lasten_nutzen_ausgleich",
    ),
    # Open data (profiles/opendata/downloads.py, profiles/opendata/api.py)
    path("daten/", opendata.OpenDataView.as_view(), name="opendata"),
    *(
        path(
            f"daten/{table}.{file_format}",
            opendata.download,
            {"table": table, "file_format": file_format},
            name=f"opendata_{table}_{file_format}",
        )
        for table in opendata.DOWNLOADS
        for file_format in opendata.DOWNLOAD_FORMATS
    ),
    path("api/steckbriefe/", api.profile_list, name="api_profile_list"),
    path("api/steckbriefe/<slug:slug>/", api.profile_detail, name="api_profile_detail"),
    path("api/praxisbeispiele/", api.example_list, name="api_example_list"),
    path("api/praxisbeispiele/<slug:slug>/", api.example_detail, name="api_example_detail"),
    path("impressum/", legal.legal_page, {"slug": "impressum"}, name="impressum"),
    path("datenschutz/", legal.legal_page, {"slug": "datenschutz"}, name="datenschutz"),
    path(
        "barrierefreiheit/",
        legal.legal_page,
        {"slug": "barrierefreiheit"},
        name="barrierefreiheit",
    ),
]
