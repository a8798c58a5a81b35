"""Admin pages for advising groups, the shares applicants gave them and the access
record. Profiles themselves are not here: admins review who looked at what, not
applicants' answers."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from profiles.advising.access import ADVISORS_GROUP
from profiles.advising.groups import display_name
from profiles.advising.renames import group_renamed, member_added_by_admin
from profiles.models import AccessEvent, AdvisingGroup, GroupShare, Membership

LAST_MANAGER_MESSAGE = "A group with members must keep at least one manager."


@admin.display(description="profile", ordering="profile_id")
def profile_reference(obj) -> str:
    # As Profile.reference names it, without loading the profile (or its name).
    return f"#{obj.profile_id}"


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if kept and not any(member.get("is_manager") for member in kept):
            raise ValidationError(LAST_MANAGER_MESSAGE)


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    fields = ("user", "is_manager", "added_at", "accepted_at")
    readonly_fields = ("added_at", "accepted_at")
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Members read shared profiles: only advisor accounts may be one.
            advisors = Q(is_superuser=True) | Q(groups__name=ADVISORS_GROUP)
            kwargs["queryset"] = get_user_model().objects.filter(advisors).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AdvisingGroup)
class AdvisingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "member_count", "share_count", "join_code_display", "created_at")
    search_fields = ("name",)
    fields = ("name", "about", "join_code_display", "created_by", "created_at")
    # The code is renewed by the group's managers on the site, never typed in.
    readonly_fields = ("join_code_display", "created_by", "created_at")
    inlines = (MembershipInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("memberships", distinct=True),
                share_count=Count("shares", distinct=True),
            )
        )

    @admin.display(description="members", ordering="member_count")
    def member_count(self, group: AdvisingGroup) -> int:
        return group.member_count

    @admin.display(description="shared profiles", ordering="share_count")
    def share_count(self, group: AdvisingGroup) -> int:
        return group.share_count

    @admin.display(description="join code")
    def join_code_display(self, group: AdvisingGroup) -> str:
        return group.join_code_display if group.pk else "(made when saved)"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            group_renamed(group=obj, old_name=form.initial["name"], actor=request.user)

    def save_formset(self, request, form, formset, change):
        """Members added or changed here are marked with the admin's name and the date,
        which the group's page shows its members. Someone added here (or put in another
        member's row) is invited, like anyone a manager invites: they join by accepting,
        and the applicants sharing with the group are told who was invited and by whom."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for gone in formset.deleted_objects:
            gone.delete()
        swapped = [member for member, fields in formset.changed_objects if "user" in fields]
        added = [*formset.new_objects, *swapped]
        changed = [member for member, _ in formset.changed_objects if member not in swapped]
        stamp = {"admin_name": display_name(request.user), "admin_at": timezone.now()}
        for membership in added:
            membership.accepted_at, membership.invited_by = None, request.user
            _save_stamped(membership, admin_did="added", **stamp)
            member_added_by_admin(membership=membership, admin=request.user)
        for membership in changed:
            did = "made a manager" if membership.is_manager else "made a member, not a manager"
            _save_stamped(membership, admin_did=did, **stamp)
        formset.save_m2m()


def _save_stamped(membership: Membership, **stamp) -> None:
    for field, value in stamp.items():
        setattr(membership, field, value)
    membership.save()


@admin.register(GroupShare)
class GroupShareAdmin(admin.ModelAdmin):
    """A share is the applicant's consent: only they give or withdraw it."""

    list_display = (profile_reference, "specialty", "group", "shared_at")
    list_filter = ("group", "profile__specialty")
    list_select_related = ("group", "profile__specialty")
    fields = (profile_reference, "specialty", "group", "shared_at")
    readonly_fields = fields

    @admin.display(description="specialty", ordering="profile__specialty__name")
    def specialty(self, share: GroupShare) -> str:
        return share.profile.specialty.name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """The record is written by the site, never by hand. Old entries go after
    ACCESS_RECORD_DAYS by themselves; only a superuser may delete one sooner."""

    list_display = ("at", "actor_name", "action", "group_name", profile_reference)
    list_filter = ("action", "group", "at")
    # A person's name, or a profile's reference ("161", as the caseload shows "#161").
    search_fields = ("actor_name", "=profile__id")
    fields = ("at", "actor_name", "action", "group_name", profile_reference)
    readonly_fields = fields
    # The record grows with every view: skip the second count of the whole table.
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
