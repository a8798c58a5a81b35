from django.urls import path, register_converter

from profiles import advisor_views, device_views, link_email, views, what_if_views
from profiles.converters import TokenConverter
from profiles.wizard import wizard_view

app_name = "profiles"


register_converter(TokenConverter, "token")

urlpatterns = [
    path("start/", wizard_view, name="wizard"),
    path("device/forget/", device_views.forget, name="forget_device"),
    path("start/<str:step>/", wizard_view, name="wizard_step"),
    path("p/<token:token>/", views.result, name="result"),
    path("p/<token:token>/plan.ics", views.plan_calendar, name="plan_ics"),
    path("p/<token:token>/what-if/", what_if_views.what_if, name="what_if"),
    path("p/<token:token>/edit/", views.edit, name="edit"),
    path("p/<token:token>/share/", views.share, name="share"),
    path("p/<token:token>/email-link/", link_email.email_link, name="email_link"),
    path("p/<token:token>/delete/", views.delete, name="delete"),
    path("advisor/", advisor_views.profile_list, name="advisor_list"),
    path("advisor/export.csv", advisor_views.export_csv, name="advisor_export"),
    path("advisor/summary/", advisor_views.summary, name="advisor_summary"),
    path("advisor/profiles/<int:pk>/", advisor_views.profile_detail, name="advisor_profile"),
    path("advisor/profiles/<int:pk>/notes/", advisor_views.note_create, name="advisor_note"),
]
