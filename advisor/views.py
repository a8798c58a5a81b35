"""Site pages that belong to no applicant: home and method."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from advisor.selectors import specialty_list
from profiles.selectors import profiles_by_tokens
from profiles.wizard import MY_PROFILES_KEY


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # Links to this browser's own saved results, so a returning applicant who
    # lost the bookmark is not stranded.
    my_profiles = profiles_by_tokens(request.session.get(MY_PROFILES_KEY, []))
    return render(request, "advisor/home.html", {"my_profiles": my_profiles})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers. Touches no database on purpose."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def method(request: HttpRequest) -> HttpResponse:
    return render(request, "advisor/method.html", {"specialties": specialty_list()})
