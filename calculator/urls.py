from django.urls import path

from calculator import views

app_name = "calculator"

urlpatterns = [
    path("rechner/", views.rechner, name="rechner"),
    path("rechner/ergebnis.csv", views.rechner_csv, name="rechner_csv"),
]
