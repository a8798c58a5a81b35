"""'Email me this link': the applicant's private link sent to an address they type.

The address is used for that one message and then dropped, unless the applicant
ticks "Also keep this address on my profile". Nothing here logs the address or
the link.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from advisor.accounts.client_address import client_address
from advisor.accounts.throttle import client_network, throttle_count
from profiles.forms import EMAIL_REFUSED, EmailAnswerField
from profiles.models import Profile
from profiles.selectors import profile_by_token
from profiles.services import profile_set_email
from profiles.views import result_page_context

# Enough for a typo and a retry; few enough that the form cannot be used to
# send much mail to someone else's inbox.
LINK_EMAILS_PER_PROFILE = 3
LINK_EMAILS_PER_NETWORK = 10
LINK_EMAIL_WINDOW = timedelta(hours=1)

SUBJECT = "Your private link to your IMG Pathway Advisor advice"
SENT = "Sent. Look in your inbox (and spam folder) for a message with your link."
KEPT = "Your address is also saved on your profile; remove it with “Edit my answers”."
NOT_SENT_INVALID = "Nothing was sent: the e-mail address needs fixing."
SEND_FAILED = (
    "We could not send the e-mail just now. Copy the link above instead and keep it somewhere safe."
)
TOO_MANY_FOR_LINK = (
    "Nothing was sent: this link has been e-mailed too many times in the last hour. "
    "Copy the link above instead, or try again in an hour."
)
TOO_MANY_FROM_NETWORK = (
    "Nothing was sent: too many links were e-mailed from your network in the last hour. "
    "Copy the link above instead, or try again in an hour."
)
EMAIL_REQUIRED = "Enter the e-mail address to send your link to."
LINK_EMAIL_PURPOSE = "the e-mail address to send your link to"
EMAIL_INVALID = EMAIL_REFUSED.format(purpose=LINK_EMAIL_PURPOSE, typed="{typed}")


class LinkEmailForm(forms.Form):
    email = EmailAnswerField(
        purpose=LINK_EMAIL_PURPOSE, error_messages={"required": EMAIL_REQUIRED}
    )
    keep = forms.BooleanField(required=False, label="Also keep this address on my profile")


def link_email_refused(*, profile: Profile, address: str | None) -> str:
    """Why one more link e-mail may not go out for `profile` from `address`'s network
    ("" when it may). The link's own limit is counted first, so sends it refuses do
    not use up the network's.

    throttle_count keeps only an HMAC of each key, so the counters hold neither
    the token nor any e-mail address.
    """
    if not throttle_count(
        key=f"link-email-for:{profile.token}",
        limit=LINK_EMAILS_PER_PROFILE,
        window=LINK_EMAIL_WINDOW,
    ):
        return TOO_MANY_FOR_LINK
    if not throttle_count(
        key=f"link-email-from:{client_network(address)}",
        limit=LINK_EMAILS_PER_NETWORK,
        window=LINK_EMAIL_WINDOW,
    ):
        return TOO_MANY_FROM_NETWORK
    return ""


def link_email_send(*, profile: Profile, link: str, to: str, kept: bool) -> None:
    """Send the private link to `to` in one plain-text message; raises OSError
    (smtplib's errors included) when the mail server cannot be reached."""
    body = render_to_string(
        "profiles/email/private_link.txt",
        {"link": link, "advised_on": profile.assessed_at, "kept": kept},
    )
    send_mail(SUBJECT, body, None, [to])  # settings.EMAIL_TIMEOUT bounds the wait


@never_cache  # private: no shared cache may keep it
@require_POST
def email_link(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_by_token(token)
    form = LinkEmailForm(request.POST)
    status, trouble, code = "", True, 200
    if not form.is_valid():
        status = NOT_SENT_INVALID
    elif refused := link_email_refused(profile=profile, address=client_address(request)):
        status, code = refused, 429  # the form keeps what was typed
    else:
        to = form.cleaned_data["email"]
        already_kept = to.casefold() == profile.email.casefold()
        kept = form.cleaned_data["keep"] or already_kept
        if kept and not already_kept:
            profile_set_email(profile=profile, email=to)
        link = request.build_absolute_uri(reverse("profiles:result", args=[profile.token]))
        try:
            link_email_send(profile=profile, link=link, to=to, kept=kept)
        except OSError:
            status = f"{SEND_FAILED} {KEPT}" if kept else SEND_FAILED
        else:
            status, trouble = (f"{SENT} {KEPT}" if kept else SENT), False
            if not request.htmx:
                messages.success(request, status)
                return redirect("profiles:result", token=profile.token)
            form = LinkEmailForm()  # sent: an empty form for another address
    context = {
        "profile": profile,
        "link_email_form": form,
        "link_email_status": status,
        "link_email_trouble": trouble,
    }
    if request.htmx:
        return render(
            request,
            "profiles/_private_link.html#email-link",
            {**context, "link_email_fragment": True},
            status=code,
        )
    page = {**result_page_context(request, profile), **context}
    return render(request, "profiles/result.html", page, status=code)
