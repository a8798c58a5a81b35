from django.contrib import admin
from django.urls import include, path

from profiles import public_views as views

urlpatterns = [
    path("", views.home, name="home"),
    path("method/", views.method, name="method"),
    path("healthz/", views.healthz, name="healthz"),
    path("", include("profiles.urls")),
    path("accounts/", include("advisor.accounts.urls")),
    path("admin/", admin.site.urls),
]
