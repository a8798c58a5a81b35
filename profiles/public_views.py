"""Site pages that belong to no applicant: home, method and the health check."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from advisor.selectors import specialty_list
from profiles.device_memory import remembered_tokens
from profiles.selectors import profiles_by_tokens


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # Links to the advice this browser was asked to remember, so a returning
    # applicant who lost the bookmark is not stranded.
    my_profiles = profiles_by_tokens(remembered_tokens(request.session))
    return render(request, "public/home.html", {"my_profiles": my_profiles})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: this process answers and reaches its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def method(request: HttpRequest) -> HttpResponse:
    return render(request, "public/method.html", {"specialties": specialty_list()})
