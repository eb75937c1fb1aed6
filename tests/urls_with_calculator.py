"""The site's URLconf plus a stand-in for the Lasten-Nutzen-Rechner (tests only)."""

from django.http import HttpResponse
from django.urls import include, path

from catalogue.urls import urlpatterns as site_urlpatterns

calculator_patterns = (
    [path("", lambda request: HttpResponse("Rechner"), name="rechner")],
    "calculator",
)

urlpatterns = [
    path("rechner-test/", include(calculator_patterns)),
    *site_urlpatterns,
]
