"""Forms of the advising pages: notes, groups, members, join codes, read-only links."""

from __future__ import annotations

from django import forms

from profiles.advising.groups import join_code_normalised
from profiles.advising.models import AdvisingGroup, AdvisorNote, ReadOnlyLink

NOTE_REQUIRED = "Write the note before saving it."


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
    group = forms.TypedChoiceField(label="For which group", coerce=int, required=False)

    def __init__(self, *args, groups: list[AdvisingGroup] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the groups this profile is shared with and the author belongs to.
        self.groups = {group.pk: group for group in groups}
        self.fields["group"].choices = [(group.pk, group.name) for group in groups]
        if len(groups) < 2:
            del self.fields["group"]

    def clean(self):
        cleaned = super().clean()
        if "group" in self.fields:
            cleaned["group"] = self.groups.get(cleaned.get("group"))
            if cleaned["group"] is None:
                self.add_error("group", "Choose the group this note belongs to.")
        else:
            cleaned["group"] = next(iter(self.groups.values()), None)
        return cleaned


class NoteEditForm(forms.Form):
    text = NoteForm.base_fields["text"]
    visibility = NoteForm.base_fields["visibility"]


class GroupForm(forms.ModelForm):
    class Meta:
        model = AdvisingGroup
        fields = ["name", "about"]
        labels = {"name": "Group name"}
        help_texts = {"name": "Applicants see it before they share, e.g. “Cairo IMG mentors”."}
        error_messages = {"name": {"required": "Give the group a name applicants will recognise."}}


class MemberAddForm(forms.Form):
    account = forms.CharField(
        label="Advisor's username or e-mail",
        max_length=254,
        error_messages={"required": "Enter the username or e-mail of an advisor account."},
        help_text="They need an advisor account on this site; an admin creates it.",
    )
    is_manager = forms.BooleanField(
        label="Can manage the group (members, join code)", required=False
    )


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
