"""Response headers the whole site shares."""

from django.http import HttpRequest, HttpResponse

# The only pages a search engine may list; everything else is someone's private
# link, an advisor page, or a form.
INDEXABLE = {"home", "method"}


class NoIndexMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        if match is None or match.view_name not in INDEXABLE:
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
