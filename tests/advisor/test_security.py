"""Deployment checks, security headers, no inline code, CSRF on every form."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.profiles.factories import make_profile
from tests.profiles.wizard_steps import PREFIX, step_url

pytestmark = pytest.mark.django_db


def test_check_deploy_is_clean_under_production_settings():
    # A production environment: nothing the test run itself set (the browser
    # tests allow async-unsafe ORM calls, which production must not).
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "advisor.example.org",
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_private_pages_are_never_cached(client, advisor_client):
    profile = make_profile(shared=True)
    for c, url in [
        (client, reverse("profiles:result", args=[profile.token])),
        (client, step_url("goals")),
        (advisor_client, reverse("profiles:advisor_list")),
        (advisor_client, reverse("profiles:advisor_profile", args=[profile.pk])),
    ]:
        cache_control = c.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.I)


def test_no_page_carries_inline_script_or_style(client, advisor_client):
    profile = make_profile(shared=True)
    anonymous = [
        reverse("home"),
        reverse("method"),
        step_url("goals"),
        reverse("profiles:result", args=[profile.token]),
        reverse("profiles:edit", args=[profile.token]),
        reverse("profiles:delete", args=[profile.token]),
        reverse("login"),
        reverse("password_reset"),
        "/no/such/page/",
    ]
    advisor = [
        reverse("profiles:advisor_list"),
        reverse("profiles:advisor_summary"),
        reverse("profiles:advisor_profile", args=[profile.pk]),
    ]
    for c, urls in ((client, anonymous), (advisor_client, advisor)):
        for url in urls:
            html = c.get(url).content.decode()
            assert not INLINE_SCRIPT.search(html), url
            assert not INLINE_HANDLER.search(html), url
            assert not INLINE_STYLE.search(html), url


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_every_form_refuses_a_post_without_csrf_token(csrf_client, advisor):
    profile = make_profile(shared=True)
    group = profile.shares.get().group
    share = profile.shares.get()
    posts = [
        (step_url("goals"), {f"{PREFIX}-current_step": "goals"}),
        (reverse("profiles:what_if", args=[profile.token]), {"usce_hands_on_weeks": 3}),
        (reverse("profiles:edit", args=[profile.token]), {}),
        (reverse("profiles:share", args=[profile.token]), {"code": group.join_code}),
        (reverse("profiles:share_withdraw", args=[profile.token, share.pk]), {}),
        (reverse("profiles:link_create", args=[profile.token]), {"label": "Mentor"}),
        (reverse("profiles:delete", args=[profile.token]), {}),
        (reverse("login"), {"username": "ana", "password": "x"}),
    ]
    for url, data in posts:
        assert csrf_client.post(url, data).status_code == 403, url
        assert csrf_client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403, url
    csrf_client.force_login(advisor)
    note = reverse("profiles:advisor_note", args=[profile.pk])
    assert csrf_client.post(note, {"text": "x"}).status_code == 403
    profile.refresh_from_db()
    assert profile.shares.exists() and not profile.notes.exists()
    assert not profile.read_only_links.exists()


def test_htmx_requests_pass_with_the_token_from_the_page(csrf_client):
    profile = make_profile()
    page = csrf_client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    response = csrf_client.post(
        reverse("profiles:email_link", args=[profile.token]),
        {"email": "not an address"},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    # Past the CSRF check: the form itself answers, in place.
    assert response.status_code == 200
    assert 'id="email-link"' in response.content.decode()
