from django.urls import path

from submissions import views

app_name = "submissions"

urlpatterns = [
    path("einreichen/", views.submit_example, name="example"),
    path("einreichen/danke/", views.thanks, name="thanks"),
    path("steckbriefe/<slug:slug>/hinweis/", views.submit_hint, name="hint"),
]
