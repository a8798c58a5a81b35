"""Whole-page caching for pages that are the same for everyone who holds the link.

Only the CSRF token differs from one browser to the next, so the page is
rendered once with a placeholder and each response fills in its own token.
Pages with flash messages, or seen by a logged-in user, are rendered afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string

CSRF_PLACEHOLDER = "csrf-placeholder-7f3a9c"
TIMEOUT = 60 * 60


def render_shared_page(
    request: HttpRequest,
    template: str,
    build_context: Callable[[], dict],
    *,
    key: str,
    timeout: int = TIMEOUT,
) -> HttpResponse:
    """Render `template`, reusing the cached HTML under `key` when the request allows.

    `key` must change whenever anything shown changes (callers put the
    record's last-update time in it); `build_context` only runs on a miss.
    """
    if request.user.is_authenticated or len(get_messages(request)):
        return render(request, template, build_context())
    identity = f"{template}|{key}|{request.get_host()}"
    key = "page:" + hashlib.sha256(identity.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        context = {**build_context(), "csrf_token": CSRF_PLACEHOLDER}
        html = render_to_string(template, context, request)
        cache.set(key, html, timeout)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
