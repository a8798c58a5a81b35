import pytest
from django.test import Client
from django.urls import path

from advisor.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [*site_urls, path("broken/", broken)]


def test_404_is_friendly(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()


@pytest.mark.urls("tests.advisor.test_error_pages")
def test_500_is_friendly():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
