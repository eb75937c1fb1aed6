from django.urls import path

from . import views

app_name = "finder"

urlpatterns = [
    path("", views.questions, name="questions"),
    path("ergebnis/", views.result, name="result"),
]
