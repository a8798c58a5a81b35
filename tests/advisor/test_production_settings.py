"""What the site refuses to run with, and what every response says about itself:
no public key, no reset links in the log, a health check that means it,
noindex on private pages, HEAD wherever GET works."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db


def run_check(tmp_path, **env_changes) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "EMAIL_BACKEND")},
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "DEBUG": "0",
        "SECRET_KEY_FILE": str(tmp_path / "no-such-file"),
        **env_changes,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_without_a_secret_key(tmp_path):
    done = run_check(tmp_path)
    assert done.returncode != 0
    assert "Set SECRET_KEY" in done.stderr


def test_a_debug_run_may_use_the_local_key(tmp_path):
    assert run_check(tmp_path, DEBUG="1").returncode == 0


def test_a_checkout_uses_its_own_key_file(tmp_path):
    key_file = tmp_path / ".secret-key"
    key_file.write_text(secrets.token_urlsafe(50))
    assert run_check(tmp_path, SECRET_KEY_FILE=str(key_file)).returncode == 0


def test_refuses_the_console_mail_backend_with_debug_off(tmp_path):
    done = run_check(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert done.returncode != 0
    assert "console e-mail backend" in done.stderr


def test_mail_goes_to_files_by_default(tmp_path):
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("EMAIL_BACKEND",)},
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "advisor.private_files.PrivateFileEmailBackend", done.stderr


def test_health_check_answers_when_the_database_does(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"


def test_health_check_fails_when_the_database_does_not(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("profiles.public_views.connection.cursor", unreachable)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response["Cache-Control"].startswith("max-age=0")


def private_urls() -> list[str]:
    profile = make_profile()
    return [
        reverse("profiles:result", args=[profile.token]),
        reverse("profiles:edit", args=[profile.token]),
        reverse("profiles:what_if", args=[profile.token]),
        reverse("profiles:delete", args=[profile.token]),
        reverse("profiles:plan_ics", args=[profile.token]),
        reverse("profiles:wizard_step", kwargs={"step": "goals"}),
        reverse("login"),
    ]


def test_private_pages_ask_not_to_be_indexed(client):
    for url in private_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Robots-Tag"] == "noindex, nofollow", url
    assert client.get("/p/no-such-token/")["X-Robots-Tag"] == "noindex, nofollow"


def test_public_pages_may_be_indexed(client):
    for name in ("home", "method"):
        assert "X-Robots-Tag" not in client.get(reverse(name))


def test_head_works_wherever_get_does(client):
    for url in [reverse("home"), reverse("method"), reverse("healthz"), *private_urls()]:
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b"", url


@pytest.mark.parametrize("path", ["/p/%00/", "/p/%00/edit/", "/p/a%00b/what-if/", "/p/x/y/"])
def test_a_malformed_private_link_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_overlong_private_link_is_not_found(client):
    assert client.get("/p/" + "a" * 5000 + "/").status_code == 404
