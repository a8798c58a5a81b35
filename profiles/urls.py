from django.urls import path

from profiles import views
from profiles.wizard import wizard_view

app_name = "profiles"

urlpatterns = [
    path("start/", wizard_view, name="wizard"),
    path("start/<str:step>/", wizard_view, name="wizard_step"),
    path("p/<str:token>/", views.result, name="result"),
    path("p/<str:token>/what-if/", views.what_if, name="what_if"),
    path("p/<str:token>/edit/", views.edit, name="edit"),
    path("p/<str:token>/share/", views.share, name="share"),
    path("p/<str:token>/delete/", views.delete, name="delete"),
]
