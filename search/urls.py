from django.urls import path

from search import views

app_name = "search"

urlpatterns = [path("suche/", views.site_search, name="results")]
