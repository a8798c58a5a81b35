"""Who may use the advisor pages: members of the Advisors group, and superusers."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

ADVISORS_GROUP = "Advisors"


def is_advisor(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ADVISORS_GROUP).exists()


def advisor_required(view):
    """Anonymous visitors go to the login page; other logged-in users get a 403."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_advisor(request.user):
            raise PermissionDenied("Advisor pages are for advisors.")
        return view(request, *args, **kwargs)

    return guarded
