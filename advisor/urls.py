from django.contrib import admin
from django.urls import path

from advisor import views

urlpatterns = [
    path("", views.home, name="home"),
    path("method/", views.method, name="method"),
    path("admin/", admin.site.urls),
]
