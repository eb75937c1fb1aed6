from django.contrib import admin
from django.urls import include, path

from catalogue.health import healthz

admin.site.site_header = "Steckbrief-Katalog – Redaktion"
admin.site.site_title = "Steckbrief-Katalog"
admin.site.index_title = "Inhalte pflegen"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("profiles.urls")),
]
