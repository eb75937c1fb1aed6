from django.urls import path

from laender import views

app_name = "laender"

urlpatterns = [
    path("recht-der-laender/", views.laender_table, name="table"),
]
