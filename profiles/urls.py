from django.urls import path, register_converter

from profiles import device_views, link_email, views, what_if_views
from profiles.advising import (
    export_views,
    group_views,
    list_views,
    note_views,
    profile_views,
    sharing_views,
)
from profiles.converters import JoinCodeConverter, TokenConverter
from profiles.wizard import wizard_view

app_name = "profiles"


register_converter(TokenConverter, "token")
register_converter(JoinCodeConverter, "joincode")

applicant = [
    path("start/", wizard_view, name="wizard"),
    path("device/forget/", device_views.forget, name="forget_device"),
    path("start/<str:step>/", wizard_view, name="wizard_step"),
    path("p/<token:token>/", views.result, name="result"),
    path("p/<token:token>/plan.ics", views.plan_calendar, name="plan_ics"),
    path("p/<token:token>/what-if/", what_if_views.what_if, name="what_if"),
    path("p/<token:token>/edit/", views.edit, name="edit"),
    path("p/<token:token>/email-link/", link_email.email_link, name="email_link"),
    path("p/<token:token>/delete/", views.delete, name="delete"),
    path("p/<token:token>/my-data.json", sharing_views.download_my_data, name="my_data"),
]
sharing = [
    path("p/<token:token>/share/", sharing_views.share, name="share"),
    path(
        "p/<token:token>/share/<int:share_id>/withdraw/",
        sharing_views.withdraw,
        name="share_withdraw",
    ),
    path("p/<token:token>/links/", sharing_views.link_create, name="link_create"),
    path(
        "p/<token:token>/links/<int:link_id>/revoke/",
        sharing_views.link_revoke,
        name="link_revoke",
    ),
    path("v/<token:token>/", sharing_views.read_only, name="read_only"),
    path("join/<joincode:code>/", sharing_views.join, name="join"),
]
advisor = [
    path("advisor/", list_views.profile_list, name="advisor_list"),
    path("advisor/export.csv", list_views.export_csv, name="advisor_export"),
    path("advisor/exports/", export_views.export_start, name="advisor_export_start"),
    path("advisor/exports/<int:pk>/", export_views.export_job, name="advisor_export_job"),
    path("advisor/exports/<int:pk>/file/", export_views.export_file, name="advisor_export_file"),
    path("advisor/summary/", list_views.summary, name="advisor_summary"),
    path("advisor/profiles/<int:pk>/", profile_views.profile_detail, name="advisor_profile"),
    path("advisor/profiles/<int:pk>/notes/", note_views.note_create, name="advisor_note"),
    path("advisor/notes/<int:pk>/edit/", note_views.note_change, name="advisor_note_edit"),
    path("advisor/notes/<int:pk>/delete/", note_views.note_remove, name="advisor_note_delete"),
    path("advisor/groups/", group_views.group_list, name="advisor_groups"),
    path("advisor/groups/<int:pk>/", group_views.group_detail, name="advisor_group"),
    path("advisor/me/name/", group_views.my_name, name="advisor_name"),
    path(
        "advisor/groups/<int:pk>/invitation/",
        group_views.invitation_answer,
        name="advisor_group_invitation",
    ),
    path(
        "advisor/groups/<int:pk>/members/",
        group_views.group_member_add,
        name="advisor_group_member_add",
    ),
    path(
        "advisor/groups/<int:pk>/members/<int:user_id>/manager/",
        group_views.group_member_manager,
        name="advisor_group_member_manager",
    ),
    path(
        "advisor/groups/<int:pk>/invitations/<int:invitation_pk>/withdraw/",
        group_views.group_invitation_withdraw,
        name="advisor_group_invitation_withdraw",
    ),
    path(
        "advisor/groups/<int:pk>/members/<int:user_id>/remove/",
        group_views.group_member_remove,
        name="advisor_group_member_remove",
    ),
    path("advisor/groups/<int:pk>/code/", group_views.group_code_renew, name="advisor_group_code"),
    path("advisor/groups/<int:pk>/close/", group_views.group_close, name="advisor_group_close"),
]
urlpatterns = applicant + sharing + advisor
