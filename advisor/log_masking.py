"""No private link, reset link or query string in a log line.

The token in /p/<token>/ is the only key to a profile (read, edit, delete), the
one in /v/<token>/ a key to read it, a group's code in /join/<code>/ shows who is
in the group, and
a reset link's uid and token let their holder set an advisor's password, so log
lines keep the shape of such a path and lose the secret. Query strings go whole:
the what-if preview carries an applicant's answers, the advisor search a name.

`mask` does it to any text; `MaskSecrets` to every record of the handlers in
advisor/logging_config.py (Django, runserver) and of gunicorn's error log;
`MaskedAtoms` to each field of gunicorn's access log. gunicorn.conf.py names
`MaskingGunicornLogger`, which puts the last two in place.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

from gunicorn.glogging import Logger, SafeAtoms

# What ends a path segment in a log line: a slash, the query or fragment, or the
# quote, space or bracket around the URL.
_SEGMENT = r"[^/\s?#\"'<>\\]+"
# Not preceded by a letter or a URL character, so "/p/" and "'p/" (Django's
# resolver drops the leading slash) match and "/help/" or "/app/" does not.
_START = r"(?<![\w%.~+-])"
# Any case: "/P/<token>/" is a 404, but the token in it is real all the same.
PRIVATE_LINK = re.compile(rf"{_START}p/{_SEGMENT}", re.IGNORECASE)
# A read-only link's token opens the advice; a join code shows a group's members.
READ_ONLY_LINK = re.compile(rf"{_START}v/{_SEGMENT}", re.IGNORECASE)
JOIN_LINK = re.compile(rf"{_START}join/{_SEGMENT}", re.IGNORECASE)
RESET_LINK = re.compile(rf"{_START}reset/({_SEGMENT})/({_SEGMENT})", re.IGNORECASE)
# A "?" right after a path or URL character, with something after it: prose
# ("really? yes") keeps its question marks.
QUERY = re.compile(r"(?<=[\w/.%~-])\?[^\s\"'<>]+")

# Django's confirm view swaps the token for this marker (kept in the session).
RESET_SESSION_MARKER = "set-password"


def _percent_decoded(text: str) -> str:
    """A client may encode its own path ("/%70/<token>/" is "/p/<token>/" to the
    router): decoded, as often as it was encoded, the patterns see what the server
    saw. Bounded, so a line of "%25252525..." costs a few passes at most."""
    for _ in range(4):
        if "%" not in text:
            break
        decoded = unquote(text, errors="replace")
        if decoded == text:
            break
        text = decoded
    return text


def _reset_link(match: re.Match) -> str:
    token = match.group(2)
    return f"reset/[uid]/{token if token == RESET_SESSION_MARKER else '[token]'}"


def mask(text: str) -> str:
    """`text` with private and read-only link tokens, join codes, reset uids and
    tokens and query strings hidden."""
    text = _percent_decoded(text)
    text = PRIVATE_LINK.sub("p/[token]", text)
    text = READ_ONLY_LINK.sub("v/[token]", text)
    text = JOIN_LINK.sub("join/[code]", text)
    text = RESET_LINK.sub(_reset_link, text)
    return QUERY.sub("?[query]", text)


class MaskSecrets(logging.Filter):
    """Masks a record's message (rendered with its arguments) and its traceback."""

    _tracebacks = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        # Rendered first: masking a format string such as "/p/%s/" would eat
        # its placeholder and break the formatting.
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # Arguments that do not fit the message; they could hold a bare token.
            message = f"{record.msg} (arguments dropped: they did not fit the message)"
        record.msg = mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # The formatter keeps this text instead of formatting the exception
            # again; exception messages can quote a path (Resolver404 does).
            record.exc_text = self._tracebacks.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


class MaskedAtoms(SafeAtoms):
    """gunicorn's access-log atoms, each masked as the log format reads it: only the
    few a format uses (masking all 40-odd up front cost 65 us a request, this 15 us)."""

    # Request headers that are credentials: no log format should print them.
    CREDENTIALS = frozenset(
        {
            "{cookie}i",
            "{authorization}i",
            "{proxy-authorization}i",
            "{http_cookie}e",
            "{http_authorization}e",
            "{http_proxy_authorization}e",
        }
    )
    # The bare query string has no "?" for `mask` to find.
    QUERIES = frozenset({"q", "{query_string}e"})

    def __getitem__(self, key: str):
        value = super().__getitem__(key)
        if key.lower() in self.CREDENTIALS:
            return "[hidden]"
        if key.lower() in self.QUERIES:
            return "[query]" if value not in ("", "-") else value
        return mask(value) if isinstance(value, str) else value


class MaskingGunicornLogger(Logger):
    """gunicorn's logger with access-log atoms and error-log records masked."""

    atoms_wrapper_class = MaskedAtoms

    def setup(self, cfg) -> None:
        super().setup(cfg)
        # On the logger, not its handlers: gunicorn makes new handlers on every
        # reload (SIGHUP), while the logger stays.
        if not any(isinstance(f, MaskSecrets) for f in self.error_log.filters):
            self.error_log.addFilter(MaskSecrets())
