"""A re-check of saved advice after an admin's save: the advisors' "advice differs
today" marks go over every profile the saved row can change, which at 100,000
profiles takes longer than a request may (issue 24, finding 8). The save starts
one; it runs in a process of its own (profiles/advising/drift.py) and the admin
follows its progress and reads its full count in "Re-checks of saved advice"."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AdviceRecheck(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped before the end"

    # The profiles it goes over: one specialty's, or every profile (no specialty).
    specialty = models.ForeignKey(
        "advisor.Specialty", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What was saved, as the admin's History names it, and why.
    cause = models.CharField(max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.WAITING)
    profiles_total = models.PositiveIntegerField(default=0)
    profiles_checked = models.PositiveIntegerField(default=0)
    # Profiles whose mark changed: told something today's values would no longer
    # say, or no longer so.
    marks_changed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "re-check of saved advice"
        verbose_name_plural = "re-checks of saved advice"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Re-check after {self.cause}: {self.get_state_display()}"
