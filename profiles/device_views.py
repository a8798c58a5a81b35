"""The applicant's control over what this browser remembers ("Forget this device")."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from profiles.converters import looks_like_token
from profiles.device_memory import forget_device, forget_profile


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """With a token: stop remembering that advice here (it stays at its link).
    Without: drop everything this browser holds for applicants."""
    token = request.POST.get("token", "")
    if looks_like_token(token):
        forget_profile(request.session, token)
        messages.success(
            request, "This device no longer remembers that advice. Its private link still works."
        )
        return redirect("profiles:result", token=token)
    forget_device(request.session)
    messages.success(
        request,
        "This device no longer remembers any advice or half-filled form. "
        "Saved advice stays at its private link.",
    )
    return redirect("home")
