from django.urls import path

from profiles import advisor_views, views
from profiles.wizard import wizard_view

app_name = "profiles"

urlpatterns = [
    path("start/", wizard_view, name="wizard"),
    path("start/<str:step>/", wizard_view, name="wizard_step"),
    path("p/<str:token>/", views.result, name="result"),
    path("p/<str:token>/plan.ics", views.plan_calendar, name="plan_ics"),
    path("p/<str:token>/what-if/", views.what_if, name="what_if"),
    path("p/<str:token>/edit/", views.edit, name="edit"),
    path("p/<str:token>/share/", views.share, name="share"),
    path("p/<str:token>/delete/", views.delete, name="delete"),
    path("advisor/", advisor_views.profile_list, name="advisor_list"),
    path("advisor/export.csv", advisor_views.export_csv, name="advisor_export"),
    path("advisor/summary/", advisor_views.summary, name="advisor_summary"),
    path("advisor/profiles/<int:pk>/", advisor_views.profile_detail, name="advisor_profile"),
    path("advisor/profiles/<int:pk>/notes/", advisor_views.note_create, name="advisor_note"),
]
