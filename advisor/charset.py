"""Forms come in UTF-8 or not at all.

A form body whose Content-Type declares another charset (latin-1, utf-16, utf-7, a
name Python does not know) makes Django raise as soon as anything reads request.POST,
and the error page that follows reads it again: a 500 with a long traceback, per
request, for anyone who sends one. Browsers send UTF-8; this middleware comes first
and answers 400 before anything reads the body, with one short log line.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

logger = logging.getLogger("advisor.requests")

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
UTF_8 = {"utf-8", "utf8"}
REFUSED = "Forms on this site are sent as UTF-8; this one declared another character set."


def declared_charset(content_type: str) -> str | None:
    """The charset a form's Content-Type names, lower-cased and unquoted; None when it
    names none or is not a form."""
    kind, _, params = content_type.partition(";")
    if kind.strip().lower() not in FORM_TYPES:
        return None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


class FormCharsetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = declared_charset(request.META.get("CONTENT_TYPE", ""))
        if charset is None:
            return self.get_response(request)
        if charset in UTF_8:
            request.encoding = "utf-8"  # "utf8", '"utf-8"': Django reads only the plain name
            return self.get_response(request)
        # The charset is the client's text: logged short and bounded, never raw.
        logger.warning("Refused a form declared as %r (400)", charset[:40])
        response = HttpResponseBadRequest(REFUSED, content_type="text/plain; charset=utf-8")
        response._has_been_logged = True  # the line above says it; Django adds no other
        return response
