"""Forms of the advising pages: notes, groups, members, join codes, read-only links."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from profiles.advising.groups import join_code_normalised
from profiles.advising.models import AdvisingGroup, AdvisorNote, ReadOnlyLink
from profiles.advising.names import validate_public_name

NOTE_REQUIRED = "Write the note before saving it."
GROUP_GONE = (
    "This profile is no longer shared with that group, so the note was not saved: "
    "choose another group, or keep the note for yourself."
)


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Your note",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": NOTE_REQUIRED},
    )
    # Not answered (a client that sends no choice): the most private one.
    visibility = forms.TypedChoiceField(
        label="Who can read it",
        choices=AdvisorNote.Visibility.choices,
        initial=AdvisorNote.Visibility.PRIVATE,
        empty_value=AdvisorNote.Visibility.PRIVATE,
        required=False,
        widget=forms.RadioSelect,
    )
    group = forms.TypedChoiceField(
        label="For which group",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": GROUP_GONE},
    )

    def __init__(self, *args, groups: list[AdvisingGroup] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the groups this profile is shared with and the author belongs to. The
        # page always posts one (hidden when there is a single one), so a group that
        # lost the share while the note was typed is an error, never another group.
        self.groups = {group.pk: group for group in groups}
        self.fields["group"].choices = [(group.pk, group.name) for group in groups]

    @property
    def asks_group(self) -> bool:
        return len(self.groups) > 1

    @property
    def only_group(self) -> AdvisingGroup | None:
        return next(iter(self.groups.values())) if len(self.groups) == 1 else None

    def clean(self):
        cleaned = super().clean()
        if "group" in self.errors:
            return cleaned
        chosen = cleaned.get("group")
        if chosen not in (None, ""):
            cleaned["group"] = self.groups[chosen]
        elif self.asks_group:
            self.add_error("group", "Choose the group this note belongs to.")
        else:
            cleaned["group"] = self.only_group
        return cleaned


class NoteEditForm(forms.Form):
    text = NoteForm.base_fields["text"]
    visibility = NoteForm.base_fields["visibility"]

    def __init__(self, *args, note: AdvisorNote, **kwargs):
        super().__init__(*args, **kwargs)
        if note.group_id is None:
            # Its group is gone: nobody else may read it any more.
            self.fields["visibility"].choices = [
                (AdvisorNote.Visibility.PRIVATE, AdvisorNote.Visibility.PRIVATE.label)
            ]


class GroupForm(forms.ModelForm):
    class Meta:
        model = AdvisingGroup
        fields = ["name", "about"]
        labels = {"name": "Group name"}
        help_texts = {"name": "Applicants see it before they share, e.g. “Cairo IMG mentors”."}
        error_messages = {"name": {"required": "Give the group a name applicants will recognise."}}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        validate_public_name(name)
        taken = AdvisingGroup.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                "A group is already called “%(name)s”: add a place or a programme to the "
                "name so applicants can tell the two apart.",
                params={"name": name},
            )
        return name

    def validate_constraints(self):
        pass  # the name's uniqueness is checked above, with a message in plain words


class AdvisorNameForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        labels = {"first_name": "First name", "last_name": "Last name"}
        error_messages = {
            "first_name": {"required": "Enter your first name, as applicants should read it."}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True

    def clean(self):
        cleaned = super().clean()
        full_name = f"{cleaned.get('first_name', '')} {cleaned.get('last_name', '')}".strip()
        if full_name and not self.has_error("first_name"):
            try:
                validate_public_name(full_name)
            except forms.ValidationError as refusal:
                self.add_error("first_name", refusal)
        return cleaned


class MemberAddForm(forms.Form):
    account = forms.CharField(
        label="Advisor's username or e-mail",
        max_length=254,
        error_messages={"required": "Enter the username or e-mail of an advisor account."},
        help_text="They need an advisor account on this site; an admin creates it. For "
        "their privacy the site does not say whether an account has what you typed.",
    )
    is_manager = forms.BooleanField(
        label="Can manage the group (members, join code)", required=False
    )
    # An advisor joins by accepting: until then applicants are not shown their name.

    def clean_account(self) -> str:
        return self.cleaned_data["account"].strip()


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Group code",
        max_length=40,
        strip=False,
        error_messages={"required": "Enter the code your advisor gave you."},
        help_text="8 letters and digits, like K7QM-3XPD. Your advisor gives it to you.",
    )

    def clean_code(self) -> str:
        typed = self.cleaned_data["code"]
        code = join_code_normalised(typed)
        if code is None:
            raise forms.ValidationError(
                "“%(typed)s” is not a group code: a code has 8 letters and digits, like K7QM-3XPD.",
                params={"typed": typed.strip()},
            )
        return code


class ReadOnlyLinkForm(forms.ModelForm):
    class Meta:
        model = ReadOnlyLink
        fields = ["label"]
        labels = {"label": "Who is it for?"}
        help_texts = {
            "label": "A name you will recognise, e.g. “Dr Rahman, my mentor”. They can read "
            "your advice and plan, nothing else."
        }
        error_messages = {"label": {"required": "Say who the link is for, so you can revoke it."}}
