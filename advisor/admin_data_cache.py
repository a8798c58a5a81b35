"""What advisor/selectors.py builds from the admin data (the Match calendar, the
specialties, the fees), kept per process and built again only when the admin
data's version (advisor/models_admin_data.py) has moved.

A request reads the version once, at its first need, and every selector call in
it then agrees with that version; a write to the admin data made in the request
(an admin's save) makes it read the version again. Code outside a request (a
management command, a background re-check, a test calling a selector) has no
"once" to share, so it reads the tables each time, as before.

Kept by (number, stamp): a version a rolled-back transaction reached, and what was
built under it, never matches a committed one (see AdminDataVersion's stamp).
"""

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from advisor.models_admin_data import VERSION_ROW, AdminDataVersion

Version = tuple[int, str]
T = TypeVar("T")

# Per thread: a gunicorn gthread worker serves one request per thread at a time.
_request = threading.local()
_built: dict[Callable, tuple[Version, object]] = {}


def admin_data_version_read() -> Version | None:
    """The version row, or None where it is missing (a database flushed by a test
    and not migrated since): then nothing is kept."""
    return next(
        iter(AdminDataVersion.objects.filter(pk=VERSION_ROW).values_list("number", "stamp")),
        None,
    )


def request_version() -> Version | None:
    """The version this request reads its admin data at (read on the first call in
    the request); None outside a request."""
    if not getattr(_request, "open", False):
        return None
    if _request.version is None:
        _request.version = admin_data_version_read()
    return _request.version


def cached_per_version(build: Callable[[], T]) -> Callable[[], T]:
    """`build()`, kept and given again while the request's admin data version is the
    one it was built at. What it returns is shared by every thread: it must never
    be changed in place (the engine's value objects are frozen)."""

    @functools.wraps(build)
    def cached() -> T:
        version = request_version()
        if version is None:
            return build()
        kept = _built.get(build)
        if kept is not None and kept[0] == version:
            return kept[1]
        value = build()
        _built[build] = (version, value)
        return value

    return cached


def request_opened(**kwargs) -> None:
    _request.open, _request.version = True, None


def request_closed(**kwargs) -> None:
    _request.open, _request.version = False, None


def admin_data_written(**kwargs) -> None:
    """This request wrote admin data (its triggers bumped the version): what it reads
    next must be read at the new version."""
    _request.version = None


def admin_data_cache_clear() -> None:
    """Forget everything kept, and any request's version (tests start from nothing)."""
    _built.clear()
    request_closed()
