from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from catalogue.health import healthz
from glossary.sitemaps import TermSitemap
from profiles.public.seo import robots_txt
from profiles.public.sitemaps import SITEMAPS

admin.site.site_header = "Steckbrief-Katalog – Redaktion"
admin.site.site_title = "Steckbrief-Katalog"
admin.site.index_title = "Inhalte pflegen"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("submissions.urls")),
    path("", include("profiles.public.urls")),
    path("finder/", include("finder.urls")),
    path("glossar/", include("glossary.urls")),
    path("", include("search.urls")),
    path("", include("calculator.urls")),
    path("", include("laender.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**SITEMAPS, "glossar": TermSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]
