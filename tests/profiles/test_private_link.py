"""The private link block and 'Email me this link' (profiles/link_email.py)."""

import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from advisor.accounts.models import ThrottleCount
from profiles import link_email
from profiles.models import Profile
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def send_url(profile):
    return reverse("profiles:email_link", args=[profile.token])


def result_url(profile):
    return reverse("profiles:result", args=[profile.token])


def test_the_result_page_has_the_link_in_the_headline_and_the_form_beside(client):
    profile = make_profile()
    body = client.get(result_url(profile)).content.decode()
    link = f"http://testserver{result_url(profile)}"
    # The link itself is in the headline's box, to copy; what to do with it (email,
    # forget) leads the side column, and the headline's "Email it" goes there.
    header = body.split('class="priority-card', 1)[1].split("</header>", 1)[0]
    assert f'value="{link}"' in header
    assert 'data-copy="#private-link"' in header
    assert '<a class="btn btn-outline-primary" href="#link-heading">Email it</a>' in header
    assert body.index('class="result-tools"') < body.index('id="link-heading"')
    assert f'action="{send_url(profile)}"' in body
    assert "Also keep this address on my profile" in body
    # on paper: the link as text, the date of the advice and the day printed
    paper = body.split('class="private-link-text d-none d-print-block', 1)[1].split("</p>")[0]
    assert f"{link} · printed" in paper
    assert f"Advice from {profile.assessed_at:%-d %b %Y}" in header


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_sends_one_message_with_the_link_and_keeps_no_address(client, headers):
    profile = make_profile()
    response = client.post(send_url(profile), {"email": "amina@example.com"}, **headers)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.com"]
    assert message.subject == link_email.SUBJECT
    assert f"http://testserver{result_url(profile)}" in message.body
    assert f"{profile.assessed_at:%-d %B %Y}" in message.body
    assert "Keep this link private" in message.body
    assert "have not kept it" in message.body
    if headers:
        assert response.status_code == 200
        fragment = response.content.decode()
        assert fragment.lstrip().startswith('<form id="email-link"')
        assert link_email.SENT in fragment
        assert 'hx-swap-oob="innerHTML"' in fragment
        assert "amina@example.com" not in fragment  # an empty form for the next one
    else:
        assert response.status_code == 302 and response["Location"] == result_url(profile)
        assert link_email.SENT in client.get(response["Location"]).content.decode()
    profile.refresh_from_db()
    assert profile.email == ""
    # the throttle's rows hold HMACs, neither the address nor the token
    keys = list(ThrottleCount.objects.values_list("key", flat=True))
    assert keys and not any("amina" in key or profile.token in key for key in keys)


def test_the_address_is_kept_only_when_asked(client):
    profile = make_profile()
    version = profile.version
    client.post(send_url(profile), {"email": "amina@example.com", "keep": "on"}, **HTMX)
    profile.refresh_from_db()
    assert profile.email == "amina@example.com"
    assert profile.version == version + 1  # an edit page opened before cannot undo it
    assert "Edit my answers" in mail.outbox[0].body


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("not-an-address", link_email.EMAIL_INVALID.format(typed="not-an-address")),
        ("", link_email.EMAIL_REQUIRED),
    ],
)
def test_a_bad_address_is_named_on_the_field_and_kept(client, headers, typed, error):
    profile = make_profile()
    response = client.post(send_url(profile), {"email": typed, "keep": "on"}, **headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<div class="invalid-feedback" id="link-email-error">{escape(error)}</div>' in body
    assert 'aria-invalid="true" aria-describedby="link-email-error"' in body
    assert f'value="{typed}"' in body
    assert 'id="link-keep" checked' in body
    assert link_email.NOT_SENT_INVALID in body
    assert mail.outbox == []
    if not headers:
        assert 'id="why-heading"' in body  # the whole result page around it
    profile.refresh_from_db()
    assert profile.email == ""


def test_an_overlong_address_is_refused(client):
    profile = make_profile()
    address = "a" * 250 + "@example.com"
    response = client.post(send_url(profile), {"email": address}, **HTMX)
    assert "link-email-error" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_three_messages_per_profile_an_hour(client, headers):
    profile = make_profile()
    for _ in range(link_email.LINK_EMAILS_PER_PROFILE):
        client.post(send_url(profile), {"email": "amina@example.com"}, **HTMX)
    response = client.post(send_url(profile), {"email": "amina@example.com"}, **headers)
    assert response.status_code == 429
    body = response.content.decode()
    assert link_email.TOO_MANY_FOR_LINK in body
    assert 'value="amina@example.com"' in body  # nothing typed is lost
    assert len(mail.outbox) == link_email.LINK_EMAILS_PER_PROFILE
    # another profile from elsewhere is not held up
    other = make_profile()
    assert client.post(send_url(other), {"email": "b@example.com"}, **HTMX).status_code == 200


def test_ten_messages_per_network_an_hour(client):
    sent = 0
    while sent < link_email.LINK_EMAILS_PER_NETWORK:
        profile = make_profile()
        for _ in range(
            min(link_email.LINK_EMAILS_PER_PROFILE, link_email.LINK_EMAILS_PER_NETWORK - sent)
        ):
            client.post(send_url(profile), {"email": "a@example.com"}, **HTMX)
            sent += 1
    response = client.post(send_url(make_profile()), {"email": "a@example.com"}, **HTMX)
    assert response.status_code == 429
    assert len(mail.outbox) == link_email.LINK_EMAILS_PER_NETWORK
    # the same profile from another network is fine
    other = client.post(send_url(profile), {"email": "a@example.com"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.parametrize(
    "failure", [smtplib.SMTPException("refused"), ConnectionRefusedError(), TimeoutError()]
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_mail_server_failure_says_copy_the_link_instead(client, headers, failure):
    profile = make_profile()
    with mock.patch("profiles.link_email.send_mail", side_effect=failure):
        response = client.post(send_url(profile), {"email": "amina@example.com"}, **headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert link_email.SEND_FAILED in body
    assert 'value="amina@example.com"' in body


def test_a_silent_mail_server_is_not_waited_on_for_ever():
    # The SMTP backend production uses reads EMAIL_TIMEOUT; unset, it waits for ever.
    assert SmtpBackend().timeout == 10


def test_a_wrong_token_is_a_404_and_sends_nothing(client):
    profile = make_profile()
    for token in ("x", profile.token[:-1], profile.token + "a", str(profile.pk)):
        url = reverse("profiles:email_link", args=[token])
        assert client.post(url, {"email": "a@example.com"}).status_code == 404
    assert mail.outbox == []
    assert not ThrottleCount.objects.exists()


def test_only_post(client):
    profile = make_profile()
    assert client.get(send_url(profile)).status_code == 405
    assert client.head(send_url(profile)).status_code == 405


def test_csrf_is_checked():
    profile = make_profile()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(send_url(profile), {"email": "a@example.com"}).status_code == 403
    assert mail.outbox == []
    assert Profile.objects.get(pk=profile.pk).email == ""


def test_the_address_given_in_the_form_is_offered_for_the_link(client):
    profile = make_profile(email="amina@example.com")
    body = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert re.search(r'id="link-email"[^>]*value="amina@example.com"', body) or re.search(
        r'value="amina@example.com"[^>]*id="link-email"', body
    )
    assert 'id="link-keep" checked' in body  # it is kept already: say so


def test_without_an_address_on_the_profile_keeping_is_not_ticked(client):
    body = client.get(reverse("profiles:result", args=[make_profile().token])).content.decode()
    assert 'id="link-keep">' in body


def test_the_network_limit_is_named_and_spared_by_sends_the_link_limit_refused(client):
    first = make_profile()
    for _ in range(link_email.LINK_EMAILS_PER_PROFILE + 5):  # 3 sent, 5 refused for the link
        client.post(send_url(first), {"email": "amina@example.com"}, **HTMX)
    others = [make_profile() for _ in range(3)]
    sent_from_here = link_email.LINK_EMAILS_PER_PROFILE
    for profile in others:
        for _ in range(3):
            response = client.post(send_url(profile), {"email": "b@example.com"}, **HTMX)
            sent_from_here += response.status_code == 200
    assert sent_from_here == link_email.LINK_EMAILS_PER_NETWORK
    assert response.status_code == 429
    assert link_email.TOO_MANY_FROM_NETWORK in response.content.decode()


def test_an_address_already_on_the_profile_is_said_to_be_kept(client):
    profile = make_profile(email="amina@example.com")
    response = client.post(send_url(profile), {"email": "Amina@example.com"}, **HTMX)
    assert link_email.KEPT in response.content.decode()
    assert "have not kept it" not in mail.outbox[0].body
    profile.refresh_from_db()
    assert (profile.email, profile.version) == ("amina@example.com", 1)
