import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_says_what_the_site_does(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "international medical graduates" in body
    assert "cdn" not in body.lower()


def test_method_lists_the_rules_and_specialties(client):
    body = client.get(reverse("method")).content.decode()
    assert "The rules, in order" in body
    assert "Orthopedic Surgery" in body and "Neurology" in body


def test_pages_refuse_post(client):
    assert client.post(reverse("home")).status_code == 405
