from django.db import models


class ThrottleCount(models.Model):
    """How many requests one throttle key made in its current window (see throttle.py)."""

    # An HMAC of the key, so no e-mail address is stored in clear.
    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.count} until {self.window_ends:%Y-%m-%d %H:%M}"
