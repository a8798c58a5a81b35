"""Database sessions that clear out expired rows on their own.

Anonymous visitors make sessions; left alone, expired ones pile up until
someone runs `clearsessions`, and nothing guaranteed anyone would. Here every
process, at most once every few minutes and right after saving a session,
deletes a bounded batch of expired rows: the table holds what is live plus a
few minutes' worth, with no cron job to forget.
"""

import time

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

PURGE_EVERY_SECONDS = 300
PURGE_BATCH = 2000
PURGE_MAX_BATCHES = 10

_next_purge = 0.0


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        super().save(must_create=must_create)
        purge_expired_now_and_then(self.get_model_class())


def purge_expired_now_and_then(model) -> None:
    global _next_purge
    now = time.monotonic()
    if now < _next_purge:
        return
    _next_purge = now + PURGE_EVERY_SECONDS
    purge_expired(model)


def purge_expired(model) -> int:
    """Delete expired sessions in small batches (short locks), up to a bound per call."""
    deleted = 0
    for _ in range(PURGE_MAX_BATCHES):
        expired = model.objects.filter(expire_date__lt=timezone.now())
        batch = list(expired.values_list("pk", flat=True)[:PURGE_BATCH])
        if not batch:
            break
        deleted += model.objects.filter(pk__in=batch, expire_date__lt=timezone.now()).delete()[0]
        if len(batch) < PURGE_BATCH:
            break
    return deleted
