"""Advising groups, the profiles shared with them, notes, read-only links and the
access record. Imported by profiles.models, so they belong to the profiles app."""

import secrets
from datetime import UTC, datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from advisor.engine.content import FLAG_LABELS, PRIORITIES

# Join codes are read aloud and typed from e-mails: no 0/O, 1/I/L or U.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 8


def new_join_code() -> str:
    # 30**8 is about 6.6e11 codes; lookups are throttled per network, so guessing
    # one is out of reach (see profiles/advising/groups.py).
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


class AdvisingGroup(models.Model):
    """A school's office, a mentoring programme: advisors who see the profiles
    applicants chose to share with them, and nobody else's."""

    name = models.CharField(max_length=120)
    about = models.CharField(
        "who you are",
        max_length=300,
        blank=True,
        help_text="One line applicants read before sharing, e.g. "
        "“Career office of the Faculty of Medicine, Cairo University”.",
    )
    join_code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_join_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("group", "user"),
        related_name="advising_groups",
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            # Applicants and advisors tell groups apart by name alone.
            models.UniqueConstraint(Lower("name"), name="one_advising_group_per_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def join_code_display(self) -> str:
        return f"{self.join_code[:4]}-{self.join_code[4:]}"


class Membership(models.Model):
    group = models.ForeignKey(AdvisingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advising_memberships"
    )
    # Managers invite and remove members and renew the join code.
    is_manager = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)
    # Empty while an invitation waits: applicants are shown only members who
    # accepted, and only they see the group's profiles.
    accepted_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last add or change made in the Django admin, shown to the group's members
    # ("added by an admin (Sam Okafor) on 8 Dec 2026"): an admin cannot join a group
    # unseen (profiles/admin.py). Names as they were, like the access record's.
    admin_did = models.CharField(max_length=40, blank=True)
    admin_name = models.CharField(max_length=150, blank=True)
    admin_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")
        ]
        indexes = [models.Index(fields=["user", "group"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


class Invitation(models.Model):
    """An invitation as the manager who sent it sees it: what they typed, never the
    account it reached. One is written whether or not an advisor account has that
    username or e-mail (the account's side is a Membership waiting for its answer),
    so neither the answer, the group's page nor the daily count tells a manager which
    accounts exist (profiles/advising/invitations.py)."""

    group = models.ForeignKey(AdvisingGroup, on_delete=models.CASCADE, related_name="invitations")
    typed = models.CharField(max_length=254)
    is_manager = models.BooleanField(default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    # Withdrawn by a manager, or accepted: no longer listed, still counted for the day.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "-pk"]
        indexes = [models.Index(fields=["invited_by", "invited_at"])]

    def __str__(self) -> str:
        return f"Invitation to {self.group} for what was typed"


# "Never contacted" sorts before any contact, and keeps the column free of nulls.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)
# Whether today's advice differs from what the applicant was told (Profile.advice_drift).
ADVICE_DRIFT_CHOICES = [
    ("", "Same as they were told"),
    ("other", "Scores or flags changed"),
    ("plan", "Plan changed"),
    ("priority", "Priority changed"),
]
# A case's priority and drift as numbers that sort. Higher is more urgent (an unknown
# priority 0): "most urgent first, newest first" is then descending on every column,
# which one row comparison can page through.
PRIORITY_RANKS = {slug: len(PRIORITIES) - place for place, slug in enumerate(PRIORITIES)}
DRIFT_RANKS = {"": 0, "other": 1, "plan": 2, "priority": 3}
_DRIFT_BY_RANK = {rank: drift for drift, rank in DRIFT_RANKS.items()}
# What the group's list sorts on, each behind the group: one index range per sort. Every
# sort goes one way on all its columns (priority_rank counts up to the most urgent), so a
# page starts with one row comparison, (a, b, profile) > (x, y, z), which is where the
# index range starts whichever way it is read.
CASE_SORTS = {
    "name": ("name",),
    "specialty": ("specialty_name", "name"),
    "usce": ("usce_half_weeks",),
    "letters": ("letters",),
    "priority": ("priority_rank", "profile_updated_at"),
    "readiness": ("readiness",),
    "notes": ("note_count",),
    "contact": ("last_contact_at",),
    "drift": ("drift_rank",),
    "updated": ("profile_updated_at",),
}


# One priority sorted by what goes with it (the most urgent have the least USCE, letters
# and readiness): walking the sort's own index for them read most of the group.
PRIORITY_SORTS = {
    "priority_readiness": ("priority_rank", "readiness"),
    "priority_usce": ("priority_rank", "usce_half_weeks"),
    "priority_letters": ("priority_rank", "letters"),
}


def _case_index(name: str, fields: tuple[str, ...]) -> models.Index:
    return models.Index(fields=["group", *fields, "profile"], name=f"case_{name}")


class GroupShare(models.Model):
    """The applicant's consent: this group's members may read this profile, write
    notes on it and export it. Withdrawing deletes the row, which every advisor
    query goes through, so it takes effect at once.

    The row is also the profile's case in the group's list: a copy of what the list
    sorts and filters on, kept by profiles/advising/cases.py whenever the profile,
    its advice or the group's notes on it change. A list at a million profiles is
    then one index range, never a sort of every row."""

    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="shares")
    group = models.ForeignKey(AdvisingGroup, on_delete=models.CASCADE, related_name="shares")
    shared_at = models.DateTimeField(default=timezone.now)

    name = models.CharField(max_length=120, blank=True)
    email = models.CharField(max_length=254, blank=True)
    specialty_slug = models.CharField(max_length=80, blank=True)
    specialty_name = models.CharField(max_length=80, blank=True)
    career_goal = models.CharField(max_length=12, blank=True)
    priority = models.CharField(max_length=20, blank=True)
    priority_rank = models.PositiveSmallIntegerField(default=0)
    # A JSON list, as on the profile. On PostgreSQL the flag filter (`flags @> '["x"]'`)
    # reads the GIN index case_flags, which migration 0016 makes there (SQLite has no
    # GIN, so it is not in Meta.indexes: keep the name free).
    flags = models.JSONField(default=list, blank=True)
    readiness = models.PositiveSmallIntegerField(default=0)
    # Hands-on weeks count in full, observership weeks half: twice that, a whole number.
    usce_half_weeks = models.PositiveIntegerField(default=0)
    letters = models.PositiveSmallIntegerField(default=0)
    drift_rank = models.PositiveSmallIntegerField(default=0)
    # Notes the group reads (for the group, or for the applicant), and its last feedback.
    note_count = models.PositiveIntegerField(default=0)
    # The access record of exports, kept here rather than a row per profile per export
    # (which let one advisor write ~150 GB a day): how many of the group's exports held
    # this profile, the last one's time and advisor. Written by one UPDATE per export;
    # when the share ends, the applicant's record gets one line with the tally.
    exported_times = models.PositiveIntegerField(default=0)
    last_exported_at = models.DateTimeField(null=True, blank=True)
    last_exported_by = models.CharField(max_length=150, blank=True)
    last_contact_at = models.DateTimeField(default=NEVER)
    profile_updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "group"], name="one_share_per_group")
        ]
        indexes = [
            models.Index(fields=["group", "profile"]),
            *[_case_index(name, fields) for name, fields in CASE_SORTS.items()],
            *[_case_index(name, fields) for name, fields in PRIORITY_SORTS.items()],
        ]

    def __str__(self) -> str:
        # Admins review shares, not people: the applicant is named by reference only.
        return f"Profile #{self.profile_id} shared with {self.group}"

    @property
    def contacted(self) -> bool:
        return self.last_contact_at > NEVER

    # The list's cells, in the words the profile's own page uses, read from the copy
    # alone: a page of the list joins no profile.

    @property
    def reference(self) -> str:
        return f"#{self.profile_id}"

    @property
    def effective_usce_weeks(self) -> float:
        return self.usce_half_weeks / 2

    @property
    def priority_label(self) -> str:
        return PRIORITIES[self.priority].label if self.priority in PRIORITIES else ""

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.flags if flag in FLAG_LABELS]

    @property
    def advice_drift(self) -> str:
        return _DRIFT_BY_RANK.get(self.drift_rank, "")

    @property
    def advice_drift_label(self) -> str:
        return dict(ADVICE_DRIFT_CHOICES)[self.advice_drift]


class CaseTally(models.Model):
    """How many of a group's cases have each priority, and each specialty: kept as the
    cases change (profiles/advising/cases.py), so the group's summary reads a few
    rows at any size (grouping 800,000 cases took 300 ms)."""

    group = models.ForeignKey(AdvisingGroup, on_delete=models.CASCADE, related_name="tallies")
    dimension = models.CharField(max_length=10)  # "priority" or "specialty"
    key = models.CharField(max_length=80)
    label = models.CharField(max_length=80, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "dimension", "key"], name="one_tally_per_group_and_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.dimension} {self.key}: {self.count}"


class ReadOnlyLink(models.Model):
    """A link for one person (a mentor, a relative) that shows the advice and
    nothing else: no edit, no delete, no sharing."""

    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="read_only_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_link_token, editable=False)
    label = models.CharField("who it is for", max_length=80)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # The last view written to the access record, so a reload loop adds no rows.
    last_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Read-only link for {self.label}"


class AdvisorNote(models.Model):
    """A note by an advisor on a shared profile. Private to its author unless it
    is marked for the group, or for the applicant (who then sees it as feedback)."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Only me"
        GROUP = "group", "My group"
        APPLICANT = "applicant", "The applicant and my group"

    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The group through which the author saw the profile: group and applicant
    # notes are read by that group's members while the profile is shared with it.
    group = models.ForeignKey(
        AdvisingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["profile", "visibility", "-created_at"])]

    def __str__(self) -> str:
        return f"Note #{self.pk} on profile #{self.profile_id}"

    @property
    def author_name(self) -> str:
        """As applicants and colleagues read it; the note outlives a deleted account."""
        if self.author is None:
            return "A former advisor"
        return self.author.get_full_name() or "An advisor"


class AccessEvent(models.Model):
    """One advisor view or note on one profile, a view through a read-only link, or the
    applicant sharing or no longer sharing with a group: who, when, what, through
    which group. An export is one entry with no profile and the number of profiles
    it held (each profile's share counts its exports: GroupShare.exported_times);
    when a share ends, the profile gets one export entry standing for `times`
    exports. Kept for ACCESS_RECORD_DAYS (profiles/advising/retention.py); deleted
    with the profile."""

    class Action(models.TextChoices):
        VIEW = "view", "opened your profile"
        EXPORT = "export", "exported it, with other profiles, to a spreadsheet"
        NOTE_ADDED = "note_added", "wrote a note"
        NOTE_EDITED = "note_edited", "changed a note"
        NOTE_DELETED = "note_deleted", "deleted a note"
        LINK_VIEW = "link_view", "opened your read-only link"
        # The applicant's own acts, so the record says who could see the profile when.
        SHARED = "shared", "shared the profile with the group"
        UNSHARED = "unshared", "stopped sharing with the group"
        # Names the applicant consented under that changed afterwards, and members an
        # admin added (profiles/advising/renames.py): the applicant is told of both.
        RENAMED = "renamed", "changed the name you see"
        ADMIN_ADDED = "admin_added", "was invited to the group by an admin"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    profile = models.ForeignKey(
        "profiles.Profile",
        on_delete=models.CASCADE,
        related_name="access_events",
        null=True,
        blank=True,
    )
    action = models.CharField(max_length=14, choices=Action.choices)
    # How many accesses the entry stands for (an ended share's exports), and how many
    # profiles an export held.
    times = models.PositiveIntegerField(default=1)
    profiles = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Names as they were, so the record still reads after an account or group goes.
    actor_name = models.CharField(max_length=150)
    group = models.ForeignKey(
        AdvisingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group_name = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["profile", "-at"]),
            # An advisor's exports of the last day, for the quota.
            models.Index(fields=["actor", "action", "-at"], name="access_actor_action"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class ExportJob(models.Model):
    """A CSV of a list too long to send while the advisor waits (EXPORT_MAX_ROWS):
    written in the background, a chunk at a time in the list's order, to a file only
    its advisor can download. The file appears only once it is whole, ending with
    its row count; a job that stops shows as stopped, never as a short file."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Being written"
        DONE = "done", "Ready"
        FAILED = "failed", "Stopped before the end"

    group = models.ForeignKey(AdvisingGroup, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The list's filters and sort as asked (a query string), to say what the file holds.
    query = models.CharField(max_length=2000, blank=True)
    description = models.CharField(max_length=300)
    # The list's order (its sort, less the columns its filters pin), comma-separated.
    ordering = models.CharField(max_length=200)
    # Where the rows' profile links point (the site the export was asked on).
    site = models.CharField(max_length=200)
    # The access record's entries for this export (written by the job, before it reads
    # a row): the file holds no case they do not name.
    recorded_at = models.DateTimeField(null=True, blank=True)
    rows_expected = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=8, choices=State.choices, default=State.WAITING)
    file_name = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)
    # Written with every chunk: a job whose writer died stops being "written".
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"Export #{self.pk} of {self.group}: {self.get_state_display()}"
