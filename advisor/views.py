"""Site pages that belong to no applicant: home and method."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from advisor.selectors import specialty_list


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "advisor/home.html")


@require_GET
def method(request: HttpRequest) -> HttpResponse:
    return render(request, "advisor/method.html", {"specialties": specialty_list()})
