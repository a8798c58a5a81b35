"""Django's log-in and reset views, with our form, the reset throttle and the lockout lift."""

from django.contrib.auth import views as auth_views

from advisor.accounts.client_address import client_address
from advisor.accounts.forms import LoginForm
from advisor.accounts.lockout import lockout_lift
from advisor.accounts.throttle import password_reset_allowed

RESET_THROTTLED = (
    "Too many password reset requests: please wait an hour before asking again. "
    "If an advisor account uses that address, the link we sent earlier still works."
)


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        if not password_reset_allowed(
            address=client_address(self.request), email=form.cleaned_data["email"]
        ):
            form.add_error(None, RESET_THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # The failures were against the old password: whoever proved they hold
        # the mailbox may log in now, even during a lockout.
        lockout_lift(username=form.user.get_username())
        return response


login = auth_views.LoginView.as_view(form_class=LoginForm)
password_reset = PasswordResetView.as_view()
password_reset_confirm = PasswordResetConfirmView.as_view()
